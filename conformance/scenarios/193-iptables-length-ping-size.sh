# -m length reads the datagram's total length: ping -s N sends N + 28 bytes (84 by default), and
# the rule sees the whole datagram at the host that made it and at the one that receives it.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -m length --length 1028 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 -s 1000 10.0.0.2
ip netns exec a ping -c 1 -W 1 -s 999 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m length --length 1000:1400 -j DROP
ip netns exec a ping -c 1 -W 1 -s 1300 10.0.0.2
ip netns exec a ping -c 1 -W 1 -s 1400 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec a iptables -A OUTPUT -p icmp -m length ! --length 0:200 -j DROP
ip netns exec a ping -c 1 -W 1 -s 100 10.0.0.2
ip netns exec a ping -c 1 -W 1 -s 200 10.0.0.2
