# A veth end moved twice arrives down and bare each time; deleting a namespace that holds a
# bridge destroys the veth ports inside it and so their peers in other namespaces.
ip netns add a
ip netns add b
ip netns add c
ip netns add sw
ip link add x0 type veth peer name x1 netns a
ip link set x0 netns b
ip -n b addr add 10.82.0.2/24 dev x0
ip -n b link set x0 up
ip -n a addr add 10.82.0.1/24 dev x1
ip -n a link set x1 up
ip netns exec a ping -c 1 10.82.0.2
ip -n b link set x0 netns c
ip netns exec a ping -c 1 10.82.0.2
ip -n c link set x0 up
ip netns exec a ping -c 1 10.82.0.2
ip -n c addr add 10.82.0.3/24 dev x0
ip netns exec a ping -c 1 10.82.0.3
ip -n c link set x0 name y0
ip -n c link set y0 netns b
ip -n b link set y0 up
ip -n b addr add 10.82.0.2/24 dev y0
ip netns exec a ping -c 1 10.82.0.2
ip netns exec a ping -c 1 10.82.0.3
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
ip -n sw link add p1 type veth peer name e1 netns a
ip -n sw link add p2 type veth peer name e2 netns c
ip -n sw link set p1 master br0
ip -n sw link set p2 master br0
ip -n sw link set p1 up
ip -n sw link set p2 up
ip -n a addr add 10.82.5.1/24 dev e1
ip -n c addr add 10.82.5.3/24 dev e2
ip -n a link set e1 up
ip -n c link set e2 up
ip netns exec a ping -c 1 10.82.5.3
ip netns del sw
ip -n a link set lo up
ip netns exec a ping -c 1 10.82.5.3
ip -n a link show e1
ip -n c link show e2
ip -n a link add e1 type veth peer name e2 netns c
ip netns exec c ping -c 1 10.82.0.1
