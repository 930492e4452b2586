# macvlan children of different modes on one parent, each in its own namespace, behind a
# switch port whose hairpin is turned on and off: bridge-mode siblings switch locally, a
# vepa child needs the hairpin to reach anyone on the parent, a private child hears no
# sibling's ARP, and the parent reaches its children only through the hairpin. Deleting
# the parent takes every child with it.
ip link add sw type bridge
ip link set sw up
ip netns add h
ip netns add x
ip netns add nb1
ip netns add nb2
ip netns add nv1
ip netns add np1
ip link add p-h type veth peer name eth0 netns h
ip link add p-x type veth peer name eth0 netns x
ip link set p-h master sw
ip link set p-x master sw
ip link set p-h up
ip link set p-x up
ip -n h link set eth0 up
ip -n x link set eth0 up
ip -n h addr add 10.97.0.1/24 dev eth0
ip -n x addr add 10.97.0.100/24 dev eth0
ip -n h link add mb1 link eth0 type macvlan mode bridge
ip -n h link add mb2 link eth0 type macvlan mode bridge
ip -n h link add mv1 link eth0 type macvlan mode vepa
ip -n h link add mp1 link eth0 netns np1 type macvlan mode private
ip -n h link set mb1 netns nb1
ip -n h link set mb2 netns nb2
ip -n h link set mv1 netns nv1
ip -n h link set mp1 netns np1
ip -n nb1 addr add 10.97.0.11/24 dev mb1
ip -n nb2 addr add 10.97.0.12/24 dev mb2
ip -n nv1 addr add 10.97.0.21/24 dev mv1
ip -n np1 addr add 10.97.0.31/24 dev mp1
ip -n nb1 link set mb1 up
ip -n nb2 link set mb2 up
ip -n nv1 link set mv1 up
ip -n np1 link set mp1 up
ip netns exec nb1 ping -c 1 10.97.0.12
ip netns exec nb1 ping -c 1 10.97.0.21
ip netns exec nv1 ping -c 1 10.97.0.100
ip netns exec np1 ping -c 1 10.97.0.100
ip netns exec nb2 ping -c 1 10.97.0.1
ip netns exec np1 ping -c 1 10.97.0.12
bridge link set dev p-h hairpin on
ip netns exec nv1 ping -c 1 10.97.0.11
ip netns exec nb2 ping -c 1 10.97.0.21
ip netns exec np1 ping -c 1 10.97.0.11
ip netns exec nb2 ping -c 1 10.97.0.31
ip netns exec h ping -c 1 10.97.0.31
ip netns exec h ping -c 1 10.97.0.12
ip netns exec nv1 ping -c 1 10.97.0.1
bridge link set dev p-h hairpin off
ip netns exec nb1 ping -c 1 10.97.0.12
ip netns exec x ping -c 1 10.97.0.21
ip netns exec h ping -c 1 10.97.0.11
ip netns exec nv1 ping -c 1 10.97.0.12
ip -n h link set eth0 down
ip netns exec nb1 ping -c 1 10.97.0.12
ip -n h link del eth0
ip netns exec nb1 ping -c 1 10.97.0.12
ip -n nb1 link set mb1 up
