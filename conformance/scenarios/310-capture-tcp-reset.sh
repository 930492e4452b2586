# A TCP connection refused on the wire: REJECT --reject-with tcp-reset answers the SYN with
# a reset (no options, window 0, acknowledging the SYN), and a port nobody listens on gets
# the kernel's own reset the same way. Captured on the client's side with a TCP filter.
ip netns add cli
ip netns add srv
ip link add eth0 netns cli type veth peer name eth0 netns srv
ip -n cli addr add 10.40.0.1/24 dev eth0
ip -n srv addr add 10.40.0.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip netns exec srv iptables -A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset
ip netns exec cli tcpdump -n -l -i eth0 tcp &
ip netns exec cli curl http://10.40.0.2:8080/
ip netns exec cli curl http://10.40.0.2:9090/
