# ping -I DEV binds the socket to one interface: the route lookup is limited to routes
# through it, and when none matches the kernel assumes the destination is on-link there
# and ARPs for it. A down or unknown device is a local error.
ip netns add a
ip netns add b
ip link add eth-a type veth peer name eth0 netns a
ip link add eth-b type veth peer name eth0 netns b
ip addr add 10.39.1.1/24 dev eth-a
ip addr add 10.39.2.1/24 dev eth-b
ip link set eth-a up
ip link set eth-b up
ip link set lo up
ip -n a addr add 10.39.1.2/24 dev eth0
ip -n b addr add 10.39.2.2/24 dev eth0
ip -n b addr add 10.39.7.7/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ping -c 1 -I eth-a 10.39.1.2
ping -c 1 -I eth-b 10.39.1.2
ping -c 1 -I eth-b 10.39.2.2
# not on any of our subnets: without -I there is no route at all
ping -c 1 10.39.7.7
# with -I eth-b the kernel ARPs for it on eth-b, and b answers for any of its addresses
ping -c 1 -I eth-b 10.39.7.7
ping -c 1 -I eth-a 10.39.7.7
ping -c 1 -I eth-a 10.39.2.1
ping -c 1 -I nosuch0 10.39.1.2
ip link set eth-b down
ping -c 1 -I eth-b 10.39.2.2
ping -c 1 10.39.2.2
ip netns exec a ping -c 1 -I eth0 10.39.1.1
ip netns exec a ip netns exec a ping -c 1 -I eth0 -t 1 10.39.1.1
