# Point-to-point addresses (ip addr add LOCAL peer REMOTE) in every listing form: brief,
# one line, JSON, and the route to the peer they give.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.251.0.1 peer 10.251.0.2 dev eth0
ip -n b addr add 10.251.0.2 peer 10.251.0.1 dev eth0
ip -n a addr add 10.251.1.1 peer 10.251.9.0/24 dev eth0
ip -n a addr add 10.251.2.1/24 dev eth0
ip -n a -br addr
ip -n a -br addr show dev eth0
ip -n a -o addr show dev eth0
ip -n a -j addr show dev eth0
ip -n a addr show dev eth0
ip -n a route
ip netns exec a ping -c 1 10.251.0.2
ip netns exec b ping -c 1 10.251.0.1
ip -n a addr del 10.251.0.1 peer 10.251.0.2 dev eth0
ip -n a -br addr show dev eth0
ip netns exec a ping -c 1 10.251.0.2
