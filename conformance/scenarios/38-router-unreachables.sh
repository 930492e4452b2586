# What a router answers when it cannot deliver: no route at all gives net-unreachable
# (ping, traceroute !N, curl ENETUNREACH); a REJECT with icmp-host-unreachable gives
# host-unreachable (!H, curl EHOSTUNREACH). The sender's own missing route is a local
# error instead, and a router without a route back cannot even report.
ip netns add pc
ip netns add gw
ip netns add lan
ip link add eth0 netns pc type veth peer name p0 netns gw
ip link add eth0 netns lan type veth peer name l0 netns gw
ip -n gw addr add 10.38.0.1/24 dev p0
ip -n gw addr add 10.38.1.1/24 dev l0
ip -n gw link set p0 up
ip -n gw link set l0 up
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip -n pc addr add 10.38.0.2/24 dev eth0
ip -n pc link set eth0 up
ip -n lan addr add 10.38.1.2/24 dev eth0
ip -n lan link set eth0 up
ip -n lan route add default via 10.38.1.1
ip netns exec lan python3 -m http.server 80 &
# pc has no default route yet
ip netns exec pc ping -c 1 198.51.100.9
ip netns exec pc curl http://198.51.100.9/
ip netns exec pc traceroute -n 198.51.100.9
ip -n pc route add default via 10.38.0.1
ip netns exec pc curl http://198.51.100.9/
ip netns exec pc ping -c 1 198.51.100.9
ip netns exec pc traceroute -n 198.51.100.9
ip netns exec pc ping -c 1 10.38.1.2
ip netns exec pc curl http://10.38.1.2/
ip netns exec gw iptables -A FORWARD -d 10.38.1.0/24 -j REJECT --reject-with icmp-host-unreachable
ip netns exec pc ping -c 1 10.38.1.2
ip netns exec pc traceroute -n 10.38.1.2
ip netns exec pc curl http://10.38.1.2/
ip netns exec gw iptables -F FORWARD
# the router has no route back to this source, so its error cannot be sent either
ip -n pc addr add 192.0.2.38/32 dev lo
ip -n pc link set lo up
ip -n pc route replace default via 10.38.0.1 src 192.0.2.38
ip netns exec pc ping -c 1 198.51.100.9
ip netns exec pc ping -c 1 10.38.1.2
ip -n gw route add 192.0.2.38/32 via 10.38.0.2
ip netns exec pc ping -c 1 198.51.100.9
ip netns exec pc ping -c 1 10.38.1.2
