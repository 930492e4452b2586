# tcpdump sees each retransmitted SYN: the same port and initial sequence number, a new TCP
# timestamp, at 0, 1, 2 and 3 s for curl -m 4; tcp_syn_retries=1 stops connect() at 3 s.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.48.2.1/24 dev eth0
ip -n b addr add 10.48.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec b tcpdump -n -l -i eth0 tcp &
ip netns exec a curl -sS -m 4 http://10.48.2.2:81/
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=1
ip netns exec a curl -sS -m 10 http://10.48.2.2:81/
