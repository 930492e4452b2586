# TTL across a bridge, a NAT gateway and a router: the bridge never counts as a hop, the
# gateway's MASQUERADE rewrites the ttl-exceeded errors coming back from the router, traceroute
# -m cuts the path at each hop, and from outside a DNATed port and a DNATed UDP range show
# the hops behind the gateway under the gateway's public address.
ip netns add c1
ip netns add c2
ip netns add gw
ip netns add r
ip netns add s
ip -n gw link add br0 type bridge
ip link add eth0 netns c1 type veth peer name p1 netns gw
ip link add eth0 netns c2 type veth peer name p2 netns gw
ip link add wan netns gw type veth peer name lan netns r
ip link add eth0 netns s type veth peer name srv netns r
ip -n gw link set p1 master br0
ip -n gw link set p2 master br0
ip -n gw link set br0 up
ip -n gw link set p1 up
ip -n gw link set p2 up
ip -n gw link set wan up
ip -n r link set lan up
ip -n r link set srv up
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n s link set eth0 up
ip -n gw addr add 10.94.0.1/24 dev br0
ip -n gw addr add 198.51.100.2/24 dev wan
ip -n r addr add 198.51.100.1/24 dev lan
ip -n r addr add 203.0.113.1/24 dev srv
ip -n s addr add 203.0.113.2/24 dev eth0
ip -n c1 addr add 10.94.0.2/24 dev eth0
ip -n c2 addr add 10.94.0.3/24 dev eth0
ip -n c1 route add default via 10.94.0.1
ip -n c2 route add default via 10.94.0.1
ip -n gw route add default via 198.51.100.1
ip -n s route add default via 203.0.113.1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec gw iptables -t nat -A POSTROUTING -o wan -j MASQUERADE
ip netns exec c2 python3 -m http.server 80 &
ip netns exec s python3 -m http.server 80 &
ip netns exec c1 ping -c 1 -t 1 10.94.0.3
ip netns exec c1 ping -c 1 -t 1 198.51.100.2
ip netns exec c1 ping -c 1 -t 1 203.0.113.2
ip netns exec c1 ping -c 1 -t 2 203.0.113.2
ip netns exec c1 ping -c 1 -t 3 203.0.113.2
ip netns exec c1 traceroute -n -m 1 203.0.113.2
ip netns exec c1 traceroute -n -m 2 203.0.113.2
ip netns exec c1 traceroute -n 203.0.113.2
ip netns exec c1 curl http://203.0.113.2/
ip netns exec c1 traceroute -n 10.94.0.3
ip netns exec gw iptables -t nat -A PREROUTING -i wan -p tcp --dport 8080 -j DNAT --to-destination 10.94.0.3:80
ip netns exec s curl http://198.51.100.2:8080/
ip netns exec s traceroute -n 198.51.100.2
ip netns exec gw iptables -t nat -A PREROUTING -i wan -p udp --dport 33434:33534 -j DNAT --to-destination 10.94.0.3
ip netns exec s traceroute -n 198.51.100.2
ip netns exec s traceroute -n -m 2 198.51.100.2
ip netns exec s ping -c 1 -t 2 198.51.100.2
ip netns exec c1 traceroute -n 198.51.100.1
ip netns exec gw iptables -t nat -I POSTROUTING -o wan -p udp -j RETURN
ip netns exec c1 traceroute -n 203.0.113.2
ip netns exec c1 ping -c 1 -t 2 203.0.113.2
# an asymmetric router: the way back to the client leaves by another link, so its errors
# come from that link's address, unless icmp_errors_use_inbound_ifaddr picks the incoming one
ip netns add c3
ip netns add r3
ip netns add s3
ip link add eth0 netns c3 type veth peer name in1 netns r3
ip link add back netns c3 type veth peer name in2 netns r3
ip link add out netns r3 type veth peer name eth0 netns s3
ip -n c3 addr add 10.94.31.2/24 dev eth0
ip -n c3 addr add 10.94.33.2/24 dev back
ip -n r3 addr add 10.94.31.1/24 dev in1
ip -n r3 addr add 10.94.33.1/24 dev in2
ip -n r3 addr add 10.94.32.1/24 dev out
ip -n s3 addr add 10.94.32.2/24 dev eth0
ip -n c3 link set eth0 up
ip -n c3 link set back up
ip -n r3 link set in1 up
ip -n r3 link set in2 up
ip -n r3 link set out up
ip -n s3 link set eth0 up
ip -n c3 route add 10.94.32.0/24 via 10.94.31.1
ip -n r3 route add 10.94.31.2/32 via 10.94.33.2
ip -n s3 route add default via 10.94.32.1
ip netns exec r3 sysctl -w net.ipv4.ip_forward=1
ip netns exec c3 ping -c 1 -t 1 10.94.32.2
ip netns exec c3 traceroute -n -m 2 10.94.32.2
ip netns exec r3 sysctl -w net.ipv4.icmp_errors_use_inbound_ifaddr=1
ip netns exec c3 ping -c 1 -t 1 10.94.32.2
ip netns exec c3 traceroute -n -m 2 10.94.32.2
ip netns exec r3 iptables -A FORWARD -d 10.94.32.2 -j REJECT --reject-with icmp-host-prohibited
ip netns exec c3 ping -c 1 10.94.32.2
ip netns exec r3 sysctl -w net.ipv4.icmp_errors_use_inbound_ifaddr=0
ip netns exec c3 ping -c 1 10.94.32.2
ip netns exec c3 ping -c 1 10.94.31.1
