# The remaining corners of the dialect: an explicit `-t filter`, `-p all`, LOG (which logs
# and lets the packet go on to the next rule), `-m udp` against traceroute's UDP probes,
# `-m tcp --sport`, MASQUERADE --to-ports (TCP/UDP only), DNAT to an address without a
# port, probe options the recorder normalises (ping -c 3 -W 5, traceroute without -n,
# a curl URL without http://).
ip netns add lan
ip netns add wan
ip link add l0 type veth peer name eth0 netns lan
ip link add w0 type veth peer name eth0 netns wan
ip addr add 10.49.0.1/24 dev l0
ip addr add 203.0.113.49/24 dev w0
ip link set l0 up
ip link set w0 up
ip -n lan addr add 10.49.0.2/24 dev eth0
ip -n lan link set eth0 up
ip -n lan route add default via 10.49.0.1
ip -n wan addr add 203.0.113.50/24 dev eth0
ip -n wan link set eth0 up
sysctl -w net.ipv4.ip_forward=1
ip netns exec wan python3 -m http.server 80 &
ip netns exec lan python3 -m http.server 8080 &
ip netns exec lan ping -c 3 -W 5 203.0.113.50
iptables -t nat -A POSTROUTING -o w0 -p icmp -j MASQUERADE --to-ports 1000-2000
iptables -t nat -A POSTROUTING -o w0 -p tcp -j MASQUERADE --to-ports 20000-20100
iptables -t nat -A POSTROUTING -o w0 -j MASQUERADE
ip netns exec lan curl 203.0.113.50
ip netns exec lan ping -c 3 -W 5 203.0.113.50
ip netns exec lan traceroute 203.0.113.50
# LOG does not stop the packet: the DROP after it does
iptables -t filter -A FORWARD -p all -s 10.49.0.2 -j LOG
ip netns exec lan ping -c 1 203.0.113.50
iptables -t filter -A FORWARD -p udp -m udp --dport 33434:33534 -j DROP
ip netns exec lan traceroute -n 203.0.113.50
ip netns exec lan ping -c 1 203.0.113.50
iptables -t filter -A FORWARD -p tcp -m tcp --sport 80 -j DROP
ip netns exec lan curl http://203.0.113.50/
iptables -t filter -F FORWARD
ip netns exec lan curl http://203.0.113.50/
# DNAT without a port keeps the destination port
iptables -t nat -A PREROUTING -i w0 -p tcp -j DNAT --to-destination 10.49.0.2
ip netns exec wan curl http://203.0.113.49:8080/
ip netns exec wan curl http://203.0.113.49:80/
iptables -t filter -L -n -v
iptables -t nat -S
