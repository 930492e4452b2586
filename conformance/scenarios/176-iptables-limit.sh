# -m limit as a token bucket (nf_tables' limit, which iptables-nft uses): the bucket starts full
# with --limit-burst packets (5 by default), each matching packet takes one, and it refills at
# --limit's rate; a rule replaced with -R starts a new, full bucket. The probes are 1.5 s apart.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -m limit --limit 1/min --limit-burst 2 -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m limit --limit 1/min --limit-burst 2 -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m limit -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m limit --limit 1/sec --limit-burst 1 -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m limit --limit 20/min --limit-burst 1 -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A OUTPUT -p icmp -m limit --limit 1/hour --limit-burst 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a ping -c 1 -W 1 10.0.0.2
