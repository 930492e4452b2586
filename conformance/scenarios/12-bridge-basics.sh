# A Linux bridge as a switch for three namespaces: it forwards between its ports, an
# address on the bridge puts the host on the LAN, and a port that is down, released with
# nomaster, or a bridge that is down, stops forwarding.
ip netns add a
ip netns add b
ip netns add c
ip link add br0 type bridge
ip link set br0 up
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip link add vc type veth peer name eth0 netns c
ip link set va master br0
ip link set vb master br0
ip link set vc master br0
ip link set va up
ip link set vb up
ip link set vc up
ip -n a addr add 10.12.0.1/24 dev eth0
ip -n b addr add 10.12.0.2/24 dev eth0
ip -n c addr add 10.12.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up
ip netns exec a ping -c 1 10.12.0.2
ip netns exec a ping -c 1 10.12.0.3
# the host has no address on this LAN yet
ping -c 1 10.12.0.1
ip addr add 10.12.0.254/24 dev br0
ping -c 1 10.12.0.1
ip netns exec c ping -c 1 10.12.0.254
bridge fdb show
brctl show
ip link set vc nomaster
ip netns exec a ping -c 1 10.12.0.3
ip link set vc master br0
ip netns exec a ping -c 1 10.12.0.3
ip link set vb down
ip netns exec a ping -c 1 10.12.0.2
ip link set vb up
ip netns exec a ping -c 1 10.12.0.2
ip netns exec a traceroute -n 10.12.0.2
ip link set br0 down
ip netns exec a ping -c 1 10.12.0.2
ping -c 1 10.12.0.1
