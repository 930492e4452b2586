# REJECT on the OUTPUT chain, probed with curl (one TCP connect) for every --reject-with
# type, tcp-reset included; the rule sits in the client's own OUTPUT chain (lo up; the
# end shows what changes with lo down).
ip netns add client
ip netns add server
ip netns add router
ip link add eth0 netns client type veth peer name c0 netns router
ip link add eth0 netns server type veth peer name s0 netns router
ip -n router addr add 10.28.1.1/24 dev c0
ip -n router addr add 10.28.2.1/24 dev s0
ip -n router link set c0 up
ip -n router link set s0 up
ip netns exec router sysctl -w net.ipv4.ip_forward=1
ip -n client addr add 10.28.1.2/24 dev eth0
ip -n client link set eth0 up
ip -n client link set lo up
ip -n client route add default via 10.28.1.1
ip -n server addr add 10.28.2.2/24 dev eth0
ip -n server link set eth0 up
ip -n server route add default via 10.28.2.1
ip netns exec server python3 -m http.server 80 &
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -A OUTPUT -d 10.28.2.2 -p tcp -j REJECT
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with icmp-net-unreachable
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with icmp-host-unreachable
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with icmp-host-prohibited
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with icmp-net-prohibited
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with icmp-admin-prohibited
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with icmp-port-unreachable
ip netns exec client curl http://10.28.2.2/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp -j REJECT --reject-with tcp-reset
ip netns exec client curl http://10.28.2.2/
# the rule matches TCP only: ping and traceroute (UDP) pass
ip netns exec client ping -c 1 10.28.2.2
ip netns exec client traceroute -n 10.28.2.2
# port 22 has no listener: a reset from the server, or the rule's reset, look the same
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp --dport 80 -j REJECT --reject-with icmp-host-prohibited
ip netns exec client curl http://10.28.2.2:22/
ip netns exec client curl http://10.28.2.2:80/
ip -n client link set lo down
ip netns exec client curl http://10.28.2.2:80/
ip netns exec client iptables -R OUTPUT 1 -d 10.28.2.2 -p tcp --dport 80 -j REJECT --reject-with tcp-reset
ip netns exec client curl http://10.28.2.2:80/
