# An address on a connected subnet that nobody holds: ARP gets no answer, and for the
# first seconds the sender just waits. ping with a 1 s wait, curl with a 2 s connect
# timeout and traceroute with 1 s per hop all see nothing; a router that forwards to
# such an address behaves the same for its clients.
ip netns add h
ip netns add r
ip netns add far
ip link add eth0 netns h type veth peer name e0 netns r
ip link add eth0 netns far type veth peer name e1 netns r
ip -n r addr add 10.40.0.1/24 dev e0
ip -n r addr add 10.40.1.1/24 dev e1
ip -n r link set e0 up
ip -n r link set e1 up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n h addr add 10.40.0.2/24 dev eth0
ip -n h link set eth0 up
ip -n h route add default via 10.40.0.1
ip -n far addr add 10.40.1.2/24 dev eth0
ip -n far link set eth0 up
ip -n far route add default via 10.40.1.1
ip netns exec h ping -c 1 10.40.0.99
ip netns exec h ping -c 1 10.40.1.2
ip netns exec h curl http://10.40.0.99/
ip netns exec h ping -c 1 10.40.1.2
ip netns exec h traceroute -n 10.40.0.99
ip netns exec h ping -c 1 10.40.1.2
# behind the router
ip netns exec h ping -c 1 10.40.1.99
ip netns exec h ping -c 1 10.40.1.2
ip netns exec h curl http://10.40.1.99/
ip netns exec h ping -c 1 10.40.1.2
ip netns exec h ip neigh show
ip netns exec r ip neigh show
