# -m mac and -m pkttype read the frame a packet arrived in: its source MAC (a's fixed address,
# ! inverting) and how it was addressed (unicast to this host). Outside PREROUTING, INPUT and
# FORWARD there is no MAC header to read and the kernel refuses the rule.
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a address 02:00:00:00:00:0a type veth peer name ra netns r
ip link add vb netns b address 02:00:00:00:00:0b type veth peer name rb netns r
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
ip netns exec r iptables -A FORWARD -p icmp -m mac --mac-source 02:00:00:00:00:0A -j DROP
ip netns exec a ping -c 1 -W 1 10.1.0.5
ip netns exec b ping -c 1 -W 1 10.0.0.1
ip netns exec r iptables -R FORWARD 1 -p icmp -m mac ! --mac-source 02:00:00:00:00:0a -j DROP
ip netns exec a ping -c 1 -W 1 10.1.0.5
ip netns exec b ping -c 1 -W 1 10.0.0.1
ip netns exec r iptables -F FORWARD
ip netns exec r iptables -A INPUT -p icmp -m mac --mac-source 02:00:00:00:00:0b -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.254
ip netns exec b ping -c 1 -W 1 10.1.0.254
ip netns exec r iptables -F INPUT
ip netns exec r iptables -t mangle -A PREROUTING -p icmp -m pkttype --pkt-type unicast -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.254
ip netns exec r iptables -t mangle -R PREROUTING 1 -p icmp -m pkttype ! --pkt-type unicast -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.254
ip netns exec r iptables -t mangle -R PREROUTING 1 -p icmp -m pkttype --pkt-type broadcast -j DROP
ip netns exec a ping -c 1 -W 1 10.1.0.5
ip netns exec r iptables -A OUTPUT -m mac --mac-source 02:00:00:00:00:0a -j DROP
ip netns exec r iptables -t nat -A POSTROUTING -m mac --mac-source 02:00:00:00:00:0a -j ACCEPT
ip netns exec r iptables -A INPUT -m mac --mac-source 02:00:00:00:00:0g
ip netns exec r iptables -S
ip netns exec r iptables -t mangle -S
