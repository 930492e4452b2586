# macvlan bridge mode: siblings switch frames between themselves inside the kernel, but
# the parent is never reachable from them (nor they from it), and every child follows the
# parent's carrier: when the parent loses its link, even sibling traffic stops.
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
ip -n host addr add 10.16.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n ext addr add 10.16.0.10/24 dev eth0
ip -n ext link set eth0 up
ip -n host link add mv1 link eth0 type macvlan mode bridge
ip -n host link add mv2 link eth0 type macvlan mode bridge
ip -n host link set mv1 netns c1
ip -n host link set mv2 netns c2
ip -n c1 addr add 10.16.0.11/24 dev mv1
ip -n c2 addr add 10.16.0.12/24 dev mv2
ip -n c1 link set mv1 up
ip -n c2 link set mv2 up
ip netns exec c1 ping -c 1 10.16.0.12
ip netns exec c1 ping -c 1 10.16.0.10
ip netns exec c1 ping -c 1 10.16.0.2
ip netns exec host ping -c 1 10.16.0.12
ip netns exec ext ping -c 1 10.16.0.2
# the switch port goes down: the parent loses carrier, and so do all its children
ip link set p-host down
ip netns exec c1 ping -c 1 10.16.0.12
ip netns exec c1 ping -c 1 10.16.0.10
ip link set p-host up
ip netns exec c1 ping -c 1 10.16.0.12
# the parent itself administratively down
ip -n host link set eth0 down
ip netns exec c2 ping -c 1 10.16.0.11
ip -n host link set eth0 up
ip netns exec c2 ping -c 1 10.16.0.11
ip netns exec c2 traceroute -n 10.16.0.10
