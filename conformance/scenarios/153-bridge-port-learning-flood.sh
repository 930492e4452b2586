# bridge port flags learning and flood: with learning off the bridge never learns the MACs
# behind that port, so frames to them are unknown unicast and flooded; with flood off too,
# unknown unicast never leaves by that port and the host behind it goes silent (broadcast
# ARP still reaches it, and it still reaches others). A static fdb entry brings it back.
# The flags are set before the links come up, so nothing is learnt from link-up chatter.
ip netns add h1
ip netns add h2
ip netns add h3
ip link add br0 type bridge
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link add p3 type veth peer name eth0 netns h3
ip link set p1 master br0
ip link set p2 master br0
ip link set p3 master br0
bridge link set dev p2 learning off
bridge link set dev p2 flood off
bridge link set dev p3 learning off
ip -n h2 link set eth0 address 02:00:00:91:00:02
ip -n h1 addr add 10.91.0.1/24 dev eth0
ip -n h2 addr add 10.91.0.2/24 dev eth0
ip -n h3 addr add 10.91.0.3/24 dev eth0
ip link set br0 up
ip link set p1 up
ip link set p2 up
ip link set p3 up
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h3 link set eth0 up
ip netns exec h1 ping -c 1 10.91.0.2
ip netns exec h1 ping -c 1 10.91.0.3
ip netns exec h2 ping -c 1 10.91.0.1
ip netns exec h2 ping -c 1 10.91.0.3
ip netns exec h3 ping -c 1 10.91.0.1
bridge fdb add 02:00:00:91:00:02 dev p2 master static
ip netns exec h1 ping -c 1 10.91.0.2
ip netns exec h3 ping -c 1 10.91.0.2
bridge fdb del 02:00:00:91:00:02 dev p2 master
bridge link set dev p2 flood on
ip netns exec h1 ping -c 1 10.91.0.2
bridge link set dev p2 flood maybe
bridge link set dev p2 learning 1
ip link set dev p2 type bridge_slave flood off
ip netns exec h1 ping -c 1 10.91.0.2
