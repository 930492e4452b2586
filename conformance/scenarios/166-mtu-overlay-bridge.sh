# The overlay MTU mistake: containers with MTU 1500 bridged onto VXLAN. On h1 the VXLAN has
# no dev (MTU 1500): a bridged DF packet that will not fit the underlay less 50 is answered
# by the tunnel itself with "fragmentation needed" (mtu 1450, from the far container's
# address), and the sender then knows the path MTU. On h2 the VXLAN names its underlay (MTU
# 1450): the bridge drops a 1500-byte frame at that port in silence, so big pings and big
# replies vanish, until the container's own MTU is lowered. The host's own packets over the
# bridge only teach its route the path MTU and still leave, in outer fragments.
ip netns add h1
ip netns add h2
ip netns add c1
ip netns add c2
ip link add e1 netns h1 type veth peer name e2 netns h2
ip -n h1 addr add 192.168.166.1/24 dev e1
ip -n h2 addr add 192.168.166.2/24 dev e2
ip -n h1 link set e1 up
ip -n h2 link set e2 up
ip -n h1 link add br0 type bridge
ip -n h2 link add br0 type bridge
ip -n h1 link add vx0 type vxlan id 166 remote 192.168.166.2 dstport 4789
ip -n h2 link add vx0 type vxlan id 166 remote 192.168.166.1 dev e2 dstport 4789
ip -n h1 link add p1 type veth peer name eth0 netns c1
ip -n h2 link add p2 type veth peer name eth0 netns c2
ip -n h1 link set vx0 master br0
ip -n h1 link set p1 master br0
ip -n h2 link set vx0 master br0
ip -n h2 link set p2 master br0
ip -n h1 link set br0 up
ip -n h1 link set vx0 up
ip -n h1 link set p1 up
ip -n h2 link set br0 up
ip -n h2 link set vx0 up
ip -n h2 link set p2 up
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n c1 addr add 10.166.0.1/24 dev eth0
ip -n c2 addr add 10.166.0.2/24 dev eth0
ip -n h1 addr add 10.166.0.254/24 dev br0
ip netns exec c1 ping -c 1 -s 1000 10.166.0.2
ip netns exec c1 ping -c 1 -s 1422 -M do 10.166.0.2
ip netns exec c1 ping -c 1 -s 1472 -M do 10.166.0.2
ip netns exec c1 ping -c 1 -s 1472 -M do 10.166.0.2
ip netns exec c1 ping -c 1 -s 1472 10.166.0.2
ip netns exec c2 ping -c 1 -s 1472 -M do 10.166.0.1
ip netns exec c2 ping -c 1 -s 1422 -M do 10.166.0.1
ip netns exec h1 ping -c 1 -s 1472 -M do 10.166.0.2
ip netns exec h1 ping -c 1 -s 1472 -M do 10.166.0.2
ip -n c2 link set eth0 mtu 1450
ip netns exec c2 ping -c 1 -s 1472 -M do 10.166.0.1
ip netns exec c2 ping -c 1 -s 1422 -M do 10.166.0.1
ip netns exec c1 ping -c 1 -s 1472 10.166.0.2
ip netns exec c1 ping -c 1 -s 3000 10.166.0.2
