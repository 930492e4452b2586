# REJECT on the FORWARD chain, probed with ping and traceroute for every ICMP --reject-with
# type. A client reaches a server through a router; the rule sits in the router's FORWARD
# chain (traceroute's TTL-1 probe still gets time-exceeded: the TTL check comes first).
ip netns add client
ip netns add server
ip netns add router
ip link add eth0 netns client type veth peer name c0 netns router
ip link add eth0 netns server type veth peer name s0 netns router
ip -n router addr add 10.25.1.1/24 dev c0
ip -n router addr add 10.25.2.1/24 dev s0
ip -n router link set c0 up
ip -n router link set s0 up
ip netns exec router sysctl -w net.ipv4.ip_forward=1
ip -n client addr add 10.25.1.2/24 dev eth0
ip -n client link set eth0 up
ip -n client route add default via 10.25.1.1
ip -n server addr add 10.25.2.2/24 dev eth0
ip -n server link set eth0 up
ip -n server route add default via 10.25.2.1
ip netns exec client ping -c 1 10.25.2.2
ip netns exec router iptables -A FORWARD -d 10.25.2.2 -j REJECT
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with icmp-net-unreachable
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with icmp-host-unreachable
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with icmp-host-prohibited
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with icmp-net-prohibited
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with icmp-port-unreachable
ip netns exec client ping -c 1 10.25.2.2
ip netns exec client traceroute -n 10.25.2.2
# tcp-reset is refused without -p tcp
ip netns exec router iptables -R FORWARD 1 -d 10.25.2.2 -j REJECT --reject-with tcp-reset
ip netns exec router iptables -L FORWARD -n --line-numbers
