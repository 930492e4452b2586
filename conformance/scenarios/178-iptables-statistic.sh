# -m statistic: nth mode counts the packets that reach the rule, each rule its own counter, and
# matches one in --every (--packet 0 matches the first, --packet p the (n-p)th); ! inverts; random
# mode with probability 1 matches all and 0 none. Bad nth options are refused with libxt's words.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -m statistic --mode nth --every 3 --packet 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m statistic --mode nth --every 3 --packet 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m statistic --mode nth ! --every 2 --packet 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m statistic --mode random --probability 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m statistic --mode random --probability 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m statistic --mode random ! --probability 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -A INPUT -m statistic --mode nth
ip netns exec b iptables -A INPUT -m statistic --mode nth --packet 1
ip netns exec b iptables -A INPUT -m statistic --mode nth --every 2 --packet 2
ip netns exec b iptables -S INPUT
