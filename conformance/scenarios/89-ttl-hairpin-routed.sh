# ping -t N with exactly N routers on the path, traceroute -m shorter than the path, and
# routed hairpin NAT: a LAN client reaching a LAN server through the router's public
# address needs MASQUERADE for the return path (without it the server answers directly).
ip netns add c
ip netns add r1
ip netns add r2
ip netns add s
ip link add eth0 netns c type veth peer name w netns r1
ip link add e netns r1 type veth peer name w netns r2
ip link add e netns r2 type veth peer name eth0 netns s
ip -n c addr add 10.89.0.2/24 dev eth0
ip -n c addr add 10.89.0.3/24 dev eth0
ip -n r1 addr add 10.89.0.1/24 dev w
ip -n r1 addr add 10.89.1.1/24 dev e
ip -n r2 addr add 10.89.1.2/24 dev w
ip -n r2 addr add 10.89.2.1/24 dev e
ip -n s addr add 10.89.2.2/24 dev eth0
ip -n c link set eth0 up
ip -n r1 link set w up
ip -n r1 link set e up
ip -n r2 link set w up
ip -n r2 link set e up
ip -n s link set eth0 up
ip -n c route add default via 10.89.0.1
ip -n r1 route add default via 10.89.1.2
ip -n r2 route add default via 10.89.1.1
ip -n s route add default via 10.89.2.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec c ping -c 1 -t 2 10.89.2.2
ip netns exec c ping -c 1 -t 3 10.89.2.2
ip netns exec c ping -c 1 -t 2 10.89.2.1
ip netns exec c ping -c 1 -t 1 10.89.1.2
ip netns exec c ping -c 1 -t 1 10.89.1.1
ip netns exec c traceroute -n -m 2 10.89.2.2
ip netns exec c traceroute -n -m 3 10.89.2.2
ip netns exec c traceroute -m 1 10.89.2.2
ip netns exec s ping -c 1 -t 2 10.89.0.2
ip netns exec c python3 -m http.server --bind 10.89.0.3 80 &
ip netns exec r1 iptables -t nat -A PREROUTING -d 10.89.1.1 -p tcp --dport 8080 -j DNAT --to-destination 10.89.0.3:80
ip netns exec s curl http://10.89.1.1:8080/
ip netns exec c curl http://10.89.1.1:8080/
ip netns exec r1 iptables -t nat -A POSTROUTING -s 10.89.0.0/24 -d 10.89.0.3 -p tcp --dport 80 -j MASQUERADE
ip netns exec c curl http://10.89.1.1:8080/
ip netns exec r1 iptables -t nat -A PREROUTING -d 10.89.1.1 -p icmp -j DNAT --to-destination 10.89.0.3
ip netns exec c ping -c 1 10.89.1.1
ip netns exec s ping -c 1 10.89.1.1
ip netns exec r2 ping -c 1 -t 1 10.89.1.1
