# net.ipv4.tcp_syn_linear_timeouts (0..127, default 4): how many of SYN-SENT's timeouts stay at
# TCP_TIMEOUT_INIT (1 s) before they double. With 0 the SYNs of curl -m 6 go at 0, 1 and 3 s
# (the classic backoff), with 4 at 0, 1, 2, 3, 4 and 5 s; with 0 and tcp_syn_retries=2 connect()
# fails at 7 s after three SYNs (0, 1, 3 s).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.48.4.1/24 dev eth0
ip -n b addr add 10.48.4.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 82 -j DROP
ip netns exec a sysctl net.ipv4.tcp_syn_linear_timeouts
ip netns exec a sysctl -w net.ipv4.tcp_syn_linear_timeouts=128
ip netns exec a sysctl -w net.ipv4.tcp_syn_linear_timeouts=-1
ip netns exec a sysctl -w net.ipv4.tcp_syn_linear_timeouts=0
ip netns exec a curl -sS -m 6 http://10.48.4.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=2
ip netns exec a curl -sS http://10.48.4.2:82/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a sysctl -w net.ipv4.tcp_syn_linear_timeouts=4
ip netns exec a curl -sS -m 6 http://10.48.4.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a sysctl net.ipv4.tcp_syn_linear_timeouts net.ipv4.tcp_syn_retries
