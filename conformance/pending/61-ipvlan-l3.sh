# ipvlan l3: the parent routes for its children. Children in different subnets reach
# each other without any router; there is no ARP (children need a device route), and a
# machine on the LAN reaches a child only with a route via the host's address.
ip link add sw type bridge
ip link set sw up
ip netns add host
ip netns add ext
ip netns add c1
ip netns add c2
ip link add p-host type veth peer name eth0 netns host
ip link add p-ext type veth peer name eth0 netns ext
ip link set p-host master sw
ip link set p-ext master sw
ip link set p-host up
ip link set p-ext up
ip -n host addr add 10.61.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n ext addr add 10.61.0.10/24 dev eth0
ip -n ext link set eth0 up
ip -n host link add iv1 link eth0 type ipvlan mode l3
ip -n host link add iv2 link eth0 type ipvlan mode l3
ip -n host link set iv1 netns c1
ip -n host link set iv2 netns c2
ip -n c1 addr add 10.61.1.1/24 dev iv1
ip -n c2 addr add 10.61.2.1/24 dev iv2
ip -n c1 link set iv1 up
ip -n c2 link set iv2 up
ip netns exec c1 ping -c 1 10.61.2.1
ip -n c1 route add default dev iv1
ip -n c2 route add default dev iv2
ip netns exec c1 ping -c 1 10.61.2.1
ip netns exec c1 traceroute -n 10.61.2.1
ip netns exec c1 ping -c 1 10.61.0.10
ip netns exec ext ping -c 1 10.61.1.1
ip -n ext route add 10.61.1.0/24 via 10.61.0.2
ip netns exec ext ping -c 1 10.61.1.1
ip netns exec c1 ping -c 1 10.61.0.2
ip netns exec host ping -c 1 10.61.1.1
