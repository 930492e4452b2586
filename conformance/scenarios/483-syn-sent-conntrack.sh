# conntrack follows a connect() nobody answers: every retransmitted SYN is NEW (no reply yet)
# and leaves the SYN_SENT entry's timeout counting from the first SYN; the entry stays [UNREPLIED]
# after curl gives up (closing a socket in SYN-SENT sends nothing); none where INPUT dropped it.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.48.3.1/24 dev eth0
ip -n b addr add 10.48.3.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a iptables -A OUTPUT -p tcp -m conntrack --ctstate NEW -j ACCEPT
ip netns exec a iptables -A OUTPUT -p tcp -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec b iptables -A INPUT -p tcp --dport 81 -m conntrack --ctstate NEW -j DROP
ip netns exec b python3 -m http.server --bind 10.48.3.2 80 &
ip netns exec a curl -sS -m 4 http://10.48.3.2:81/
ip netns exec a iptables -L OUTPUT -n -v -x
ip netns exec b iptables -L INPUT -n -v -x
ip netns exec a conntrack -L
ip netns exec b conntrack -L
ip netns exec a curl -s -o /dev/null -w '%{http_code}\n' http://10.48.3.2/
ip netns exec a iptables -L OUTPUT -n -v -x
ip netns exec a curl http://10.48.3.2:81/
ip netns exec a iptables -L OUTPUT -n -v -x
ip netns exec b iptables -L INPUT -n -v -x
