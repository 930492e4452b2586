# NFQUEUE in OUTPUT with no program on the queue: nf_queue consumes the packet, so the send
# succeeds and traceroute waits for answers (*); DROP fails the send with EPERM instead.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a iptables -A OUTPUT -p udp -j NFQUEUE --queue-num 7
ip netns exec a traceroute -n -m 2 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -p udp -j DROP
ip netns exec a traceroute -n -m 2 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -p udp -j NFQUEUE --queue-num 7 --queue-bypass
ip netns exec a traceroute -n -m 2 10.0.0.2
