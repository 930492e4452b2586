# conntrack -L with its filters on a router that masquerades the LAN and forwards a port to
# a server behind it: -p, -s/-d (original direction), -r/-q (reply direction), --sport/--dport,
# --state, -n (source-NATed), -g (destination-NATed), -f ipv4, -o extended, and -C.
ip netns add lan
ip netns add r
ip netns add wan
ip link add eth0 netns lan type veth peer name lan0 netns r
ip link add wan0 netns r type veth peer name eth0 netns wan
ip -n lan addr add 10.53.0.2/24 dev eth0
ip -n r addr add 10.53.0.1/24 dev lan0
ip -n r addr add 198.51.100.1/24 dev wan0
ip -n wan addr add 198.51.100.20/24 dev eth0
ip -n lan link set eth0 up
ip -n r link set lan0 up
ip -n r link set wan0 up
ip -n wan link set eth0 up
ip -n lan route add default via 10.53.0.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A POSTROUTING -o wan0 -j MASQUERADE
ip netns exec r iptables -t nat -A PREROUTING -i wan0 -p tcp --dport 8080 -j DNAT --to-destination 10.53.0.2:80
ip netns exec wan python3 -m http.server 80 &
ip netns exec lan python3 -m http.server 80 &
ip netns exec lan ping -c 1 198.51.100.20
ip netns exec lan curl http://198.51.100.20/
ip netns exec wan curl http://198.51.100.1:8080/
ip netns exec lan traceroute -n -m 2 198.51.100.20
ip netns exec lan curl http://198.51.100.20:81/
ip netns exec r conntrack -L -p tcp
ip netns exec r conntrack -L -p udp
ip netns exec r conntrack -L -p icmp
ip netns exec r conntrack -L -s 10.53.0.2
ip netns exec r conntrack -L -d 198.51.100.1
ip netns exec r conntrack -L --orig-src 198.51.100.20
ip netns exec r conntrack -L -r 198.51.100.20
ip netns exec r conntrack -L -q 198.51.100.1
ip netns exec r conntrack -L -p tcp --dport 80
ip netns exec r conntrack -L -p tcp --sport 80
ip netns exec r conntrack -L -p tcp --state TIME_WAIT
ip netns exec r conntrack -L -p tcp --state ESTABLISHED
ip netns exec r conntrack -L -n
ip netns exec r conntrack -L -g
ip netns exec r conntrack -L --src-nat -p icmp
ip netns exec r conntrack -L -f ipv4 -p icmp
ip netns exec r conntrack -L -o extended -p tcp
ip netns exec r conntrack -L -s 10.53.0.99
ip netns exec r conntrack -C
ip netns exec r conntrack -L --dport 80
ip netns exec r conntrack -L -p tcp --nosuch
ip netns exec lan conntrack -L
