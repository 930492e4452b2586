# One bridge in the root namespace with three namespaces on it: a port going down and up
# (from either end), brctl delif / addif, ip link set nomaster, a veth end renamed and moved
# into a sibling namespace (it arrives down and without addresses, the bridge port stays),
# and the bridge itself going down and being deleted under its ports.
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.93.0.254/24 dev br0
ip netns add n1
ip netns add n2
ip netns add n3
ip link add p1 type veth peer name eth0 netns n1
ip link add p2 type veth peer name eth0 netns n2
ip link add p3 type veth peer name eth0 netns n3
ip link set p1 master br0
ip link set p2 master br0
brctl addif br0 p3
ip link set p1 up
ip link set p2 up
ip link set p3 up
ip -n n1 addr add 10.93.0.1/24 dev eth0
ip -n n2 addr add 10.93.0.2/24 dev eth0
ip -n n3 addr add 10.93.0.3/24 dev eth0
ip -n n1 link set eth0 up
ip -n n2 link set eth0 up
ip -n n3 link set eth0 up
ip netns exec n1 ping -c 1 10.93.0.2
ip netns exec n1 ping -c 1 10.93.0.254
ip link set p2 down
ip netns exec n1 ping -c 1 10.93.0.2
ip netns exec n3 ping -c 1 10.93.0.1
ip link set p2 up
ip netns exec n1 ping -c 1 10.93.0.2
ip -n n2 link set eth0 down
ip netns exec n1 ping -c 1 10.93.0.2
ip -n n2 link set eth0 up
ip netns exec n2 ping -c 1 10.93.0.254
brctl delif br0 p3
ip netns exec n1 ping -c 1 10.93.0.3
brctl delif br0 p3
ip netns exec n3 ping -c 1 10.93.0.254
ip link set p1 nomaster
ip netns exec n2 ping -c 1 10.93.0.1
ip netns exec n1 ping -c 1 10.93.0.254
brctl addif br0 p3
ip link set p1 master br0
ip netns exec n2 ping -c 1 10.93.0.1
ip netns exec n2 ping -c 1 10.93.0.3
# move n3's end into n2
ip -n n3 link set eth0 netns n2
ip -n n3 link set eth0 name e3
ip -n n3 link set e3 netns n2
ip -n n3 link set e3 netns n2
ip netns exec n3 ping -c 1 10.93.0.1
ip netns exec n1 ping -c 1 10.93.0.3
ip -n n2 addr add 10.93.0.3/24 dev e3
ip -n n2 link set e3 up
ip netns exec n1 ping -c 1 10.93.0.3
ip netns exec n2 ping -c 1 -I e3 10.93.0.1
# the bridge down, then deleted with its ports
ip link set br0 down
ip netns exec n1 ping -c 1 10.93.0.2
ip link set br0 up
ip netns exec n1 ping -c 1 10.93.0.2
ip link del br0
ip netns exec n1 ping -c 1 10.93.0.254
brctl show
ip link set p1 master br0
brctl addbr br9
brctl addif br9 lo
brctl addif br9 br9
brctl delif br9 p1
bridge link show dev nosuch
ip link set br9 up
brctl delbr br9
ip netns exec n1 ping -c 1 10.93.0.2
