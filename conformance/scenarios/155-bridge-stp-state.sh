# A bridge made with stp_state 1 (any non-zero value) runs the kernel's STP: its ports start
# listening and pass nothing for twice the forward delay, and STP owns their state. Values
# that are not a number are refused.
ip netns add h1
ip netns add h2
ip link add br0 type bridge stp_state 1
ip link add br1 type bridge stp_state 2
ip link add br2 type bridge stp_state -1
ip link add br3 type bridge stp_state on
ip link set br0 up
ip addr add 10.93.0.254/24 dev br0
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link set p1 master br0
ip link set p2 master br0
ip link set p1 up
ip link set p2 up
ip -n h1 addr add 10.93.0.1/24 dev eth0
ip -n h2 addr add 10.93.0.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip netns exec h1 ping -c 1 10.93.0.2
ip netns exec h1 ping -c 1 10.93.0.254
bridge link set dev p1 state 3
bridge link set dev p1 state 0
ip link add br4 type bridge
ip link add p5 type veth peer name p6
ip link set p5 master br4
ip link set br4 type bridge stp_state 1
ip link set br4 type bridge stp_state 0
