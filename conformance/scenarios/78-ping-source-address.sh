# ping -I ADDR binds the source address rather than a device: the reply comes back to that
# address (if the peer can route to it); an address the host does not own cannot be bound.
ip netns add h
ip netns add r
ip link add eth0 netns h type veth peer name w netns r
ip link add eth1 netns h type veth peer name w2 netns r
ip -n h addr add 10.78.0.2/24 dev eth0
ip -n h addr add 10.78.1.2/24 dev eth1
ip -n h addr add 192.0.2.78/32 dev lo
ip -n r addr add 10.78.0.1/24 dev w
ip -n r addr add 10.78.1.1/24 dev w2
ip -n h link set eth0 up
ip -n h link set eth1 up
ip -n r link set w up
ip -n r link set w2 up
ip netns exec h ping -c 1 -I 10.78.0.2 10.78.0.1
ip netns exec h ping -c 1 -I 10.78.1.2 10.78.0.1
ip netns exec h ping -c 1 -I 192.0.2.78 10.78.0.1
ip -n r route add 192.0.2.78/32 via 10.78.1.2
ip netns exec h ping -c 1 -I 192.0.2.78 10.78.0.1
ip netns exec h ping -c 1 -I 10.78.9.9 10.78.0.1
ip netns exec h ping -c 1 -I 10.78.0.2 10.78.1.1
ip netns exec h ping -c 1 -I eth1 10.78.0.1
ip netns exec h ping -c 1 -I lo 10.78.0.2
ip netns exec h ping -c 1 -I 127.0.0.1 10.78.0.1
ip -n h link set lo up
ip netns exec h ping -c 1 -I 127.0.0.1 10.78.0.2
ip netns exec h ping -c 1 -I 10.78.1.2 10.78.0.2
ip netns exec r ping -c 1 -I 10.78.1.1 10.78.0.2
ip netns exec r ping -c 1 -I w2 10.78.0.2
ip netns exec r ping -c 1 -I w2 192.0.2.78
