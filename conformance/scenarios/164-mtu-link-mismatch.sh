# Two ends of one link with different MTUs: a frame larger than the receiving device's MTU is
# dropped there in silence (no ICMP: nothing was routed), whatever DF says; smaller ones
# pass. A bridge passes a frame to a port only if it fits that port's MTU, and takes the
# smallest MTU of its ports as its own.
ip netns add a
ip netns add b
ip netns add h1
ip netns add h2
ip link add a0 netns a type veth peer name b0 netns b
ip -n b link set b0 mtu 1400
ip -n a link set a0 up
ip -n b link set b0 up
ip -n a addr add 10.164.0.1/24 dev a0
ip -n b addr add 10.164.0.2/24 dev b0
ip netns exec a ping -c 1 -s 1372 -M do 10.164.0.2
ip netns exec a ping -c 1 -s 1373 -M do 10.164.0.2
ip netns exec a ping -c 1 -s 1400 -M dont 10.164.0.2
ip netns exec b ping -c 1 -s 1400 10.164.0.1
ip netns exec b ping -c 1 -s 1373 -M do 10.164.0.1
ip link add br0 type bridge
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link set p1 master br0
ip link set p2 master br0
ip link set p2 mtu 1200
ip -n h2 link set eth0 mtu 1200
ip link set br0 up
ip link set p1 up
ip link set p2 up
ip addr add 10.164.1.254/24 dev br0
ip -n h1 addr add 10.164.1.1/24 dev eth0
ip -n h2 addr add 10.164.1.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip netns exec h1 ping -c 1 -s 1100 10.164.1.2
ip netns exec h1 ping -c 1 -s 1300 -M dont 10.164.1.2
ip netns exec h1 ping -c 1 -s 1300 -M do 10.164.1.2
ip netns exec h1 ping -c 1 -s 1300 10.164.1.254
ping -c 1 -s 1300 -M do 10.164.1.1
ping -c 1 -s 1172 -M do 10.164.1.1
