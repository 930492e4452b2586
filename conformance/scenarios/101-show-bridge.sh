# What `bridge` and `brctl` print: the fdb with its learned, permanent and self entries in
# the kernel's order, `bridge link` with and without `dev`, -d and -j, a portless bridge.
ip netns add h1
ip netns add h2
ip link add br0 type bridge
ip link add brempty type bridge
ip link add p1 type veth peer name e1 netns h1
ip link add p2 type veth peer name e2 netns h2
ip link set p1 master br0
ip link set p2 master br0
ip link set br0 up
ip link set p1 up
ip link set p2 up
ip -n h1 addr add 10.101.0.1/24 dev e1
ip -n h1 link set e1 up
ip -n h2 addr add 10.101.0.2/24 dev e2
ip -n h2 link set e2 up
ip netns exec h1 ping -c 1 10.101.0.2
bridge fdb show
bridge fdb show br br0
bridge fdb show dev p1
bridge fdb
bridge link
bridge link show dev p1
bridge -d link show dev p1
bridge -j link
bridge -j fdb show dev p2
brctl show
brctl show br0
brctl show brempty
ip link show master br0
ip -d link show dev p1
ip -br link show type bridge
bridge link set dev p1 hairpin on
bridge link show dev p1
bridge link show dev nosuch0
ip link set p2 nomaster
bridge link
brctl show
