# net.ipv4.tcp_syn_retries (per namespace, 1..127, default 6) bounds a connect() nobody answers:
# with 1 the SYN is sent twice and connect() fails with ETIMEDOUT after 3 s (curl exit 7, not its
# own timeout 28), with 2 three times over 7 s; nc -z reports the ETIMEDOUT. Another namespace
# keeps 6.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.48.1.1/24 dev eth0
ip -n b addr add 10.48.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec a sysctl net.ipv4.tcp_syn_retries
ip netns exec a sysctl net.ipv4.tcp_synack_retries
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=0
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=128
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=1
ip netns exec a sysctl net.ipv4.tcp_syn_retries
ip netns exec b sysctl net.ipv4.tcp_syn_retries
ip netns exec a cat /proc/sys/net/ipv4/tcp_syn_retries
ip netns exec a curl -sS http://10.48.1.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a curl -sS -m 10 http://10.48.1.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a curl -sv --connect-timeout 10 http://10.48.1.2:81/
ip netns exec a curl http://10.48.1.2:81/
ip netns exec a sysctl -w net.ipv4.tcp_syn_retries=2
ip netns exec a curl -sS http://10.48.1.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a nc -z -w 20 10.48.1.2 81
ip netns exec a nc -zv -w 5 10.48.1.2 81
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a sysctl -w net.ipv4.tcp_synack_retries=0
ip netns exec a sysctl -w net.ipv4.tcp_synack_retries=256
ip netns exec a sysctl net.ipv4.tcp_synack_retries
