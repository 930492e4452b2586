# macvlan passthru mode: one child takes over the whole parent (only one child of any
# mode may exist on a passthru parent, and no passthru child on a parent that has other
# children); the host's own address on the parent goes deaf while the child exists.
ip link add sw type bridge
ip link set sw up
ip netns add host
ip netns add ext
ip netns add c1
ip link add p-host type veth peer name eth0 netns host
ip link add p-ext type veth peer name eth0 netns ext
ip link set p-host master sw
ip link set p-ext master sw
ip link set p-host up
ip link set p-ext up
ip -n host addr add 10.17.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n ext addr add 10.17.0.10/24 dev eth0
ip -n ext link set eth0 up
ip netns exec ext ping -c 1 10.17.0.2
ip -n host link add mvp link eth0 type macvlan mode passthru
ip -n host link add mvq link eth0 type macvlan mode passthru
ip -n host link add mvb link eth0 type macvlan mode bridge
ip -n host link set mvp netns c1
ip -n c1 addr add 10.17.0.11/24 dev mvp
ip -n c1 link set mvp up
ip netns exec c1 ping -c 1 10.17.0.10
ip netns exec ext ping -c 1 10.17.0.11
ip netns exec ext ping -c 1 10.17.0.2
ip netns exec host ping -c 1 10.17.0.10
ip netns exec host ping -c 1 10.17.0.11
ip netns exec c1 ping -c 1 10.17.0.2
ip netns exec ext python3 -m http.server 80 &
ip netns exec c1 curl http://10.17.0.10/
# the child goes away: the host's address works again, and a new child may be made
ip -n c1 link del mvp
ip link set lo up
ip netns exec ext ping -c 1 10.17.0.2
ip -n host link add mvq link eth0 type macvlan mode bridge
ip -n host link add mvr link eth0 type macvlan mode passthru
