# conntrack's view of a router that masquerades its LAN: DNS queries through it (UDP answered
# within two seconds: replied, not yet ASSURED), a refused name (answered too), an ICMP echo,
# a curl (TIME_WAIT, ASSURED), a curl to a port the server side drops (SYN_SENT, [UNREPLIED],
# the reply tuple already rewritten), a traceroute's UDP probes, and the nat table's counters.
ip netns add cli
ip netns add r
ip netns add dns
ip link add eth0 netns cli type veth peer name l0 netns r
ip link add u0 netns r type veth peer name eth0 netns dns
ip -n cli addr add 10.33.0.2/24 dev eth0
ip -n r addr add 10.33.0.1/24 dev l0
ip -n r addr add 192.0.2.1/24 dev u0
ip -n dns addr add 192.0.2.53/24 dev eth0
ip -n cli link set eth0 up
ip -n r link set l0 up
ip -n r link set u0 up
ip -n dns link set eth0 up
ip -n cli route add default via 10.33.0.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r iptables -t nat -A POSTROUTING -s 10.33.0.0/24 -o u0 -j MASQUERADE
ip netns exec dns iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec dns dnsmasq -k --no-resolv --address=/web.lab/192.0.2.53 &
ip netns exec dns python3 -m http.server 80 &
echo nameserver 192.0.2.53 > /etc/resolv.conf
echo options single-request >> /etc/resolv.conf
ip netns exec cli ping -4 -c 1 web.lab
ip netns exec cli curl http://192.0.2.53/
ip netns exec cli curl http://192.0.2.53:81/
ip netns exec cli traceroute -n -m 2 192.0.2.53
ip netns exec r conntrack -L
ip netns exec r conntrack -L -p udp
ip netns exec r conntrack -L -p udp --dport 53
ip netns exec r conntrack -L -p tcp --state SYN_SENT
ip netns exec r conntrack -L -u SEEN_REPLY
ip netns exec r conntrack -L -u ASSURED
ip netns exec r conntrack -L -o extended -p udp --dport 53
ip netns exec r conntrack -C
ip netns exec r iptables -t nat -L -n -v
ip netns exec r iptables -t nat -S -v
ip netns exec dns iptables -L INPUT -n -v -x
ip netns exec dns conntrack -L
ip netns exec r conntrack -D -p icmp
ip netns exec r conntrack -L -p icmp
ip netns exec r conntrack -F
ip netns exec r conntrack -C
