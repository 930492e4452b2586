# SYN retransmission on a connect() nobody answers: the SYN is sent again a second apart
# (TCP_TIMEOUT_INIT, tcp_syn_linear_timeouts 4: 0, 1, 2, 3, 4, 5 s, then 7, 11 …) until curl's
# own timeout; each copy passes netfilter (the DROP rule counts it). -m 2 sends two SYNs, -m 4
# four, --connect-timeout 5 five, the recorder's probe (2 s connect timeout) two.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.48.0.1/24 dev eth0
ip -n b addr add 10.48.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 82 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 83 -j DROP
ip netns exec a curl -sS -m 2 http://10.48.0.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a curl -sS -m 4 http://10.48.0.2:82/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a curl -s -w '%{exitcode} %{errormsg}\n' --connect-timeout 5 http://10.48.0.2:83/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a curl http://10.48.0.2:81/
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a conntrack -L
ip netns exec b conntrack -L
ip netns exec a iptables -A OUTPUT -p tcp --dport 84 -j DROP
ip netns exec a curl -sS -m 2 http://10.48.0.2:84/
ip netns exec a iptables -L OUTPUT -n -v -x
