# ip addr add … noprefixroute adds the address without the route to its subnet, so the
# neighbours are unreachable until a route is added by hand; … metric N gives that route a
# metric, so the same subnet on two devices is reached through the one with the lower metric,
# and through the other once that device is down. Both show in ip addr and ip route.
ip netns add a
ip netns add b
ip link add a0 netns a type veth peer name b0 netns b
ip link add a1 netns a type veth peer name b1 netns b
ip -n a link set a0 up
ip -n a link set a1 up
ip -n b link set b0 up
ip -n b link set b1 up
ip -n a addr add 10.169.0.1/24 dev a0 noprefixroute
ip -n b addr add 10.169.0.2/24 dev b0
ip netns exec a ping -c 1 10.169.0.2
ip -n a route
ip -n a route add 10.169.0.0/24 dev a0
ip netns exec a ping -c 1 10.169.0.2
ip -n a addr add 10.169.1.5/24 dev a0 metric 200
ip -n a addr add 10.169.1.1/24 dev a1 metric 100
ip -n a addr add 10.169.2.1/24 dev a1 metric x
ip -n a addr add 10.169.3.1/24 dev a1 noprefixroute metric 5
ip -n b addr add 10.169.1.2/24 dev b1
ip -n a addr show dev a1
ip -n a route
ip -n a route get 10.169.1.2
ip netns exec a ping -c 1 10.169.1.2
ip -n a link set a1 down
ip -n a route get 10.169.1.2
ip netns exec a ping -c 1 10.169.1.2
