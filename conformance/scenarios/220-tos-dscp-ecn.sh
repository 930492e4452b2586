# The TOS byte of the lab's packets: 0 as ping sends it, set in mangle by DSCP, TOS and ECN and
# read by -m dscp, -m tos and -m ecn on the far side; an echo reply carries the request's TOS
# back, and an ICMP error leaves with the offender's TOS bits under precedence "internetwork
# control" (0xc0 | tos & 0x1e).
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -m dscp --dscp 0x2e -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j DSCP --set-dscp-class EF
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m tos --tos 0xb8/0xfc -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m tos ! --tos 0xb8/0xfc -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec a iptables -A INPUT -p icmp -m dscp --dscp-class EF -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -F INPUT
ip netns exec a iptables -t mangle -R OUTPUT 1 -p icmp -j TOS --set-tos minimize-delay
ip netns exec b iptables -A INPUT -p icmp -m tos --tos 0x10 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m ecn --ecn-ip-ect 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -A POSTROUTING -p icmp -j ECN --ecn-ip-ect 1
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -j REJECT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -A INPUT -p icmp -m dscp --dscp 0x34 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -S
ip netns exec a iptables -t mangle -F
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R INPUT 1 -p icmp -m dscp --dscp-class CS6 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R INPUT 1 -p icmp -m tos ! --tos 0xc0/0xfc -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -A INPUT -m ecn --ecn-tcp-cwr
ip netns exec b iptables -A OUTPUT -j DSCP --set-dscp 1
ip netns exec b iptables -S
