# SNMP counters around iptables: a packet INPUT drops was received (InReceives) but never
# delivered (InDelivers) and no ICMP counts it; REJECT's port unreachable and tcp-reset are
# counted as the rejecting namespace's ICMP OutMsgs and TCP OutRsts; a packet OUTPUT drops
# was a request all the same (OutRequests).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.174.0.1/24 dev eth0
ip -n b addr add 10.174.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b python3 -m http.server --bind 10.174.0.2 80 &
ip netns exec a ping -c 1 10.174.0.2
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j REJECT --reject-with tcp-reset
ip netns exec b iptables -A INPUT -p udp -j REJECT
ip netns exec a ping -c 1 10.174.0.2
ip netns exec a curl http://10.174.0.2:81/
ip netns exec a traceroute -n 10.174.0.2
ip netns exec a iptables -A OUTPUT -p icmp -j DROP
ip netns exec a ping -c 1 10.174.0.2
ip netns exec a cat /proc/net/snmp
ip netns exec a netstat -s
ip netns exec a ss -s
ip netns exec b cat /proc/net/snmp
ip netns exec b netstat -s
ip netns exec b ss -s
