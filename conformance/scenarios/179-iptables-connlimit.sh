# -m connlimit: each rule counts, per source address (masked by --connlimit-mask), the tracked
# connections whose packets reached it, this one included; --connlimit-above N matches past N,
# --connlimit-upto N up to N; a connection the rule dropped never counts; a replaced rule starts
# counting anew; --connlimit-daddr counts per destination. Each ping is a new connection.
ip netns add a
ip netns add c
ip netns add b
ip link add ab netns a type veth peer name ba netns b
ip link add cb netns c type veth peer name bc netns b
ip -n a addr add 10.0.1.2/24 dev ab
ip -n b addr add 10.0.1.1/24 dev ba
ip -n c addr add 10.0.2.2/24 dev cb
ip -n b addr add 10.0.2.1/24 dev bc
ip -n a link set ab up
ip -n b link set ba up
ip -n c link set cb up
ip -n b link set bc up
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -R INPUT 1 -p icmp -m connlimit --connlimit-above 1 --connlimit-mask 16 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -R INPUT 1 -p icmp -m connlimit --connlimit-upto 1 -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp -m connlimit --connlimit-above 1 --connlimit-daddr -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
