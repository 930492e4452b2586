# SYN retransmission on a connect() nobody answers: the SYN is sent again after 1 s, then 2 s,
# 4 s … (TCP_TIMEOUT_INIT, doubling) until curl's own timeout; each copy passes netfilter (the
# DROP rule counts it) and refreshes conntrack's SYN_SENT entry. -m 2 sends two SYNs, -m 4 and
# --connect-timeout 5 three, the recorder's probe (2 s connect timeout) two.
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
