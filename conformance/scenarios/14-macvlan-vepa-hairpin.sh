# macvlan in vepa mode sends every frame, even one for a sibling, out of the parent; only
# a switch port in hairpin mode sends it back. Here a bridge named sw plays the switch and
# its port p-host has hairpin off, then on, then off again.
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
ip -n host addr add 10.14.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n ext addr add 10.14.0.10/24 dev eth0
ip -n ext link set eth0 up
ip -n host link add mv1 link eth0 type macvlan mode vepa
ip -n host link add mv2 link eth0 type macvlan mode vepa
ip -n host link set mv1 netns c1
ip -n host link set mv2 netns c2
ip -n c1 addr add 10.14.0.11/24 dev mv1
ip -n c2 addr add 10.14.0.12/24 dev mv2
ip -n c1 link set mv1 up
ip -n c2 link set mv2 up
ip netns exec c1 ping -c 1 10.14.0.10
ip netns exec ext ping -c 1 10.14.0.12
# siblings: the switch will not send a frame back out of the port it came in on
ip netns exec c1 ping -c 1 10.14.0.12
ip netns exec c1 ping -c 1 10.14.0.2
ip netns exec host ping -c 1 10.14.0.11
bridge link set dev p-host hairpin on
ip netns exec c1 ping -c 1 10.14.0.12
ip netns exec c2 ping -c 1 10.14.0.11
ip netns exec c1 ping -c 1 10.14.0.2
ip netns exec host ping -c 1 10.14.0.11
ip netns exec c2 traceroute -n 10.14.0.11
bridge link set dev p-host hairpin off
ip netns exec c1 ping -c 1 10.14.0.12
ip netns exec c1 ping -c 1 10.14.0.10
