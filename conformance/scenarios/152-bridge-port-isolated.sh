# bridge port flag isolated: an isolated port never forwards to another isolated port, but
# talks to every other port and to the bridge itself; off again, everything flows. Bad
# values and ports that are not bridge ports are refused.
ip netns add h1
ip netns add h2
ip netns add h3
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.90.0.254/24 dev br0
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link add p3 type veth peer name eth0 netns h3
ip link set p1 master br0
ip link set p2 master br0
ip link set p3 master br0
ip link set p1 up
ip link set p2 up
ip link set p3 up
ip -n h1 addr add 10.90.0.1/24 dev eth0
ip -n h2 addr add 10.90.0.2/24 dev eth0
ip -n h3 addr add 10.90.0.3/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h3 link set eth0 up
bridge link set dev p1 isolated on
bridge link set dev p2 isolated on
ip netns exec h1 ping -c 1 10.90.0.2
ip netns exec h1 ping -c 1 10.90.0.3
ip netns exec h2 ping -c 1 10.90.0.3
ip netns exec h1 ping -c 1 10.90.0.254
ping -c 1 10.90.0.2
ip netns exec h2 ping -c 1 10.90.0.1
bridge link set dev p2 isolated off
ip netns exec h1 ping -c 1 10.90.0.2
ip link set dev p3 type bridge_slave isolated on
ip netns exec h1 ping -c 1 10.90.0.3
ip netns exec h2 ping -c 1 10.90.0.3
bridge link set dev p1 isolated maybe
bridge link set dev br0 isolated on
ip netns exec h1 ping -c 1 10.90.0.3
