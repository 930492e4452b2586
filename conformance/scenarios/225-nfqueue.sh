# NFQUEUE with no program listening on the queue: the kernel drops the packet (nf_queue finds no
# queue handler, -ESRCH); --queue-bypass lets it go on as if the table had accepted it, so a
# later table still decides; --queue-balance drops the same way. In OUTPUT the queued packet is
# consumed without an error to the sender (unlike DROP's "Operation not permitted"). NFLOG
# passes the packet on: the next rule decides.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -j NFQUEUE --queue-num 3
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -j NFQUEUE --queue-num 3 --queue-bypass
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec b iptables -t mangle -A INPUT -p icmp -j NFQUEUE --queue-bypass
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -R INPUT 1 -p icmp -j NFQUEUE --queue-balance 2:5
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -F INPUT
ip netns exec a iptables -A OUTPUT -p icmp -j NFQUEUE --queue-num 7
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -F OUTPUT
ip netns exec b iptables -A INPUT -p icmp -j NFLOG --nflog-group 5
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -S
ip netns exec b iptables -t mangle -S
