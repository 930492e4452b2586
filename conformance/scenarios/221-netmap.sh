# NETMAP: one network mapped onto another one to one, host bits kept. Before routing it maps the
# destination (a's 192.168.5.0/24 reaches b's 10.1.0.0/24), after routing the source (a's
# 10.0.0.0/24 leaves as 172.16.0.0/24); conntrack maps the replies back.
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.0.0.1/24 dev va
ip -n r addr add 10.0.0.254/24 dev ra
ip -n r addr add 10.1.0.254/24 dev rb
ip -n b addr add 10.1.0.5/24 dev vb
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.0.0.254
ip -n b route add default via 10.1.0.254
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec b python3 -m http.server 8080 &
ip netns exec a ping -c 1 -W 1 192.168.5.5
ip netns exec r iptables -t nat -A PREROUTING -d 192.168.5.0/24 -j NETMAP --to 10.1.0.0/24
ip netns exec a ping -c 1 -W 1 192.168.5.5
ip netns exec a curl http://192.168.5.5:8080/
ip netns exec a curl http://10.1.0.5:8080/
ip netns exec r iptables -t nat -A POSTROUTING -s 10.0.0.0/24 -o rb -j NETMAP --to 172.16.0.0/24
ip netns exec a curl http://192.168.5.5:8080/
ip netns exec b iptables -A INPUT -s 172.16.0.1 -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.1.0.5
ip netns exec b iptables -F INPUT
ip netns exec a ping -c 1 -W 1 10.1.0.5
ip netns exec a traceroute -n 192.168.5.5
ip netns exec r iptables -t nat -A PREROUTING -j NETMAP --to 10.9.8.7/255.255.0.0
ip netns exec r iptables -t nat -A PREROUTING -j NETMAP
ip netns exec r iptables -A FORWARD -j NETMAP --to 10.0.0.0/8
ip netns exec r iptables -t nat -S
