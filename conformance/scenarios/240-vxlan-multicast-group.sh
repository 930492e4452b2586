# VXLAN with a multicast group: each VTEP joins the group on its underlay device and sends
# what it has no FDB entry for (ARP broadcasts) to the group; a bridge with no querier floods
# the group's frames to every port, so every member hears them and learns the sender. A VTEP
# on another group, or on the same group with another VNI, hears nothing. The default FDB
# entry names the group and its device.
ip netns add h1
ip netns add h2
ip netns add h3
ip netns add h4
ip link add sw type bridge
ip link set sw up
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link add p3 type veth peer name eth0 netns h3
ip link add p4 type veth peer name eth0 netns h4
ip link set p1 master sw
ip link set p2 master sw
ip link set p3 master sw
ip link set p4 master sw
ip link set p1 up
ip link set p2 up
ip link set p3 up
ip link set p4 up
ip -n h1 addr add 192.168.240.1/24 dev eth0
ip -n h2 addr add 192.168.240.2/24 dev eth0
ip -n h3 addr add 192.168.240.3/24 dev eth0
ip -n h4 addr add 192.168.240.4/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h3 link set eth0 up
ip -n h4 link set eth0 up
ip -n h1 link add vx0 type vxlan id 240 group 239.1.240.1 dev eth0 dstport 4789
ip -n h2 link add vx0 type vxlan id 240 group 239.1.240.1 dev eth0 dstport 4789
ip -n h3 link add vx0 type vxlan id 240 group 239.1.240.2 dev eth0 dstport 4789
ip -n h4 link add vx0 type vxlan id 241 group 239.1.240.1 dev eth0 dstport 4789
ip -n h1 addr add 10.240.0.1/24 dev vx0
ip -n h2 addr add 10.240.0.2/24 dev vx0
ip -n h3 addr add 10.240.0.3/24 dev vx0
ip -n h4 addr add 10.240.0.4/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip -n h3 link set vx0 up
ip -n h4 link set vx0 up
ip -n h1 -d link show vx0
bridge -n h1 fdb show dev vx0
ip netns exec h1 ping -c 1 10.240.0.2
ip netns exec h2 ping -c 1 10.240.0.1
ip netns exec h1 ping -c 1 10.240.0.3
ip netns exec h1 ping -c 1 10.240.0.4
ip netns exec h3 ping -c 1 10.240.0.2
ip netns exec h1 traceroute -n 10.240.0.2
bridge -n h2 fdb show dev vx0
ip -n h3 link set vx0 down
ip -n h3 link set vx0 type vxlan group 239.1.240.1
ip -n h3 link del vx0
ip -n h3 link add vx0 type vxlan id 240 group 239.1.240.1 dev eth0 dstport 4789
ip -n h3 addr add 10.240.0.3/24 dev vx0
ip -n h3 link set vx0 up
ip netns exec h1 ping -c 1 10.240.0.3
ip netns exec h3 ping -c 1 10.240.0.2
