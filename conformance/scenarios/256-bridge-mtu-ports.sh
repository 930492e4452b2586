# A bridge's MTU follows its smallest port until it is set by hand; a port joining with a
# smaller MTU lowers it again; the bridge's own packets then meet that MTU (DF pings past it
# refused locally, a router answering "fragmentation needed" with it).
ip netns add h1
ip netns add h2
ip netns add r
ip link add br0 netns r type bridge
ip link add eth0 netns h1 type veth peer name p1 netns r
ip link add eth0 netns h2 type veth peer name p2 netns r
ip -n r link set p1 mtu 9000
ip -n r link set p2 mtu 9000
ip -n r link set p1 master br0
ip -n r link show br0
ip -n r link set p2 master br0
ip -n r link show br0
ip -n r link set p2 mtu 1400
ip -n r link show br0
ip -n r link set br0 mtu 1200
ip -n r link set p2 mtu 1300
ip -n r link show br0
ip -n r link set br0 mtu 9000
ip -n r link show br0
ip -n r link set br0 up
ip -n r link set p1 up
ip -n r link set p2 up
ip -n h1 link set eth0 mtu 9000
ip -n h2 link set eth0 mtu 1300
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n r addr add 10.156.0.1/24 dev br0
ip -n h1 addr add 10.156.0.11/24 dev eth0
ip -n h2 addr add 10.156.0.12/24 dev eth0
ip netns exec r ping -c 1 -s 1272 -M do 10.156.0.12
ip netns exec r ping -c 1 -s 1273 -M do 10.156.0.12
ip netns exec r ping -c 1 -s 1273 -M do 10.156.0.11
ip netns exec h1 ping -c 1 -s 1400 -M do 10.156.0.1
ip netns exec h1 ping -c 1 -s 1400 -M do 10.156.0.12
ip netns exec h1 ping -c 1 -s 1200 -M do 10.156.0.12
