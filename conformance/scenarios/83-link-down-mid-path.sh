# A link taken down in the middle of a routed path: the router loses its connected route,
# so it answers net-unreachable, or times out if another route sends the packet into a
# down link's gateway; neighbours learnt before stay usable once the link is back.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name w netns r
ip link add e netns r type veth peer name eth0 netns b
ip -n a addr add 10.83.0.2/24 dev eth0
ip -n r addr add 10.83.0.1/24 dev w
ip -n r addr add 10.83.1.1/24 dev e
ip -n b addr add 10.83.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n r link set w up
ip -n r link set e up
ip -n b link set eth0 up
ip -n a route add default via 10.83.0.1
ip -n b route add default via 10.83.1.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.83.1.2
ip -n r link set e down
ip netns exec a ping -c 1 10.83.1.2
ip netns exec a ping -c 1 10.83.1.1
ip netns exec a traceroute -n 10.83.1.2
ip -n r link set e up
ip netns exec a ping -c 1 10.83.1.2
ip -n b link set eth0 down
ip netns exec a ping -c 1 10.83.1.2
ip netns exec a ping -c 1 10.83.1.1
ip -n b link set eth0 up
ip netns exec a ping -c 1 10.83.1.2
ip -n b route add default via 10.83.1.1
ip netns exec a ping -c 1 10.83.1.2
ip -n r route add 10.83.7.0/24 via 10.83.1.2
ip -n b addr add 10.83.7.7/32 dev lo
ip -n b link set lo up
ip netns exec a ping -c 1 10.83.7.7
ip -n r link set e down
ip -n r link set e up
ip netns exec a ping -c 1 10.83.7.7
ip netns exec a traceroute -n 10.83.7.7
