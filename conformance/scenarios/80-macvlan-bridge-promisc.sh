# macvlan bridge mode with the parent on a bridge port, in promiscuous mode or not: the
# children still reach each other directly and the outside world through the parent's link;
# the parent itself never reaches its bridge-mode children.
ip netns add h
ip netns add m1
ip netns add m2
ip link add eth0 netns h type veth peer name up0
ip addr add 10.80.0.1/24 dev up0
ip link set up0 up
ip link set up0 promisc on
ip -n h link set eth0 up
ip -n h addr add 10.80.0.9/24 dev eth0
ip -n h link add mv1 link eth0 type macvlan mode bridge
ip -n h link add mv2 link eth0 type macvlan mode bridge
ip -n h link set mv1 netns m1
ip -n h link set mv2 netns m2
ip -n m1 addr add 10.80.0.11/24 dev mv1
ip -n m2 addr add 10.80.0.12/24 dev mv2
ip -n m1 link set mv1 up
ip -n m2 link set mv2 up
ip netns exec m1 ping -c 1 10.80.0.12
ip netns exec m1 ping -c 1 10.80.0.1
ip netns exec m2 ping -c 1 10.80.0.1
ip netns exec h ping -c 1 10.80.0.11
ip netns exec m1 ping -c 1 10.80.0.9
ping -c 1 10.80.0.12
ip -n h link set eth0 promisc on
ip netns exec m1 ping -c 1 10.80.0.12
ip netns exec h ping -c 1 10.80.0.11
ip netns exec m2 ping -c 1 10.80.0.9
ping -c 1 10.80.0.11
ip link set up0 down
ip netns exec m1 ping -c 1 10.80.0.12
ip link set up0 up
ip netns exec m1 ping -c 1 10.80.0.12
ip -n h link set eth0 down
ip netns exec m1 ping -c 1 10.80.0.12
ip -n h link set eth0 up
ip netns exec m2 ping -c 1 10.80.0.11
