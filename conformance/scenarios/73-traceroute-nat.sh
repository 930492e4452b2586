# traceroute through NAT. From outside to a DNATed public address, every hop behind the
# DNAT router answers with ICMP errors that the router rewrites to come from the public
# address; from inside through MASQUERADE the outside hops show their own addresses.
ip netns add c
ip netns add r1
ip netns add gw
ip netns add r3
ip netns add s
ip link add eth0 netns c type veth peer name w netns r1
ip link add e netns r1 type veth peer name w netns gw
ip link add e netns gw type veth peer name w netns r3
ip link add e netns r3 type veth peer name eth0 netns s
ip -n c addr add 198.51.100.2/24 dev eth0
ip -n r1 addr add 198.51.100.1/24 dev w
ip -n r1 addr add 203.0.113.1/24 dev e
ip -n gw addr add 203.0.113.73/24 dev w
ip -n gw addr add 10.73.1.1/24 dev e
ip -n r3 addr add 10.73.1.2/24 dev w
ip -n r3 addr add 10.73.2.1/24 dev e
ip -n s addr add 10.73.2.2/24 dev eth0
ip -n c link set eth0 up
ip -n r1 link set w up
ip -n r1 link set e up
ip -n gw link set w up
ip -n gw link set e up
ip -n r3 link set w up
ip -n r3 link set e up
ip -n s link set eth0 up
ip -n c route add default via 198.51.100.1
ip -n gw route add default via 203.0.113.1
ip -n gw route add 10.73.2.0/24 via 10.73.1.2
ip -n r3 route add default via 10.73.1.1
ip -n s route add default via 10.73.2.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec r3 sysctl -w net.ipv4.ip_forward=1
ip netns exec s python3 -m http.server 8080 &
ip netns exec gw iptables -t nat -A PREROUTING -d 203.0.113.73 -j DNAT --to-destination 10.73.2.2
ip netns exec gw iptables -t nat -A POSTROUTING -o w -j MASQUERADE
ip netns exec c traceroute -n 203.0.113.73
ip netns exec c ping -c 1 203.0.113.73
ip netns exec c ping -c 1 -t 3 203.0.113.73
ip netns exec c ping -c 1 -t 4 203.0.113.73
ip netns exec c curl http://203.0.113.73:8080/
ip netns exec s traceroute -n 198.51.100.2
ip netns exec s ping -c 1 198.51.100.2
ip netns exec s ping -c 1 -t 3 198.51.100.2
ip netns exec s curl http://198.51.100.1/
ip netns exec r3 traceroute -n 198.51.100.2
ip netns exec gw traceroute -n 10.73.2.2
ip netns exec gw curl http://10.73.2.2:8080/
ip netns exec gw curl http://203.0.113.73:8080/
