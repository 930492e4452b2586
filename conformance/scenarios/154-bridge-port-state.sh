# bridge port state: only a forwarding port passes frames (disabled, listening, learning and
# blocking ports pass none); the port returns to forwarding when its link comes back.
# Unknown states, a port whose link is down, and STP bridges (whose ports STP owns) refuse.
ip netns add h1
ip netns add h2
ip link add br0 type bridge
ip link set br0 up
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link set p1 master br0
ip link set p2 master br0
ip link set p1 up
ip link set p2 up
ip -n h1 addr add 10.92.0.1/24 dev eth0
ip -n h2 addr add 10.92.0.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state 0
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state 3
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state learning
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state blocking
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state forwarding
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state 1
ip link set p2 down
ip link set p2 up
ip netns exec h1 ping -c 1 10.92.0.2
bridge link set dev p2 state 5
bridge link set dev p2 state shut
ip -n h2 link set eth0 down
bridge link set dev p2 state 3
ip -n h2 link set eth0 up
bridge link set dev br0 state 3
ip link add br1 type bridge stp_state 1
ip link add p3 type veth peer name p4
ip link set p3 master br1
bridge link set dev p3 state 3
