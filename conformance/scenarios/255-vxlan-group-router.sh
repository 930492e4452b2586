# A VXLAN multicast group stays on its segment: a VTEP behind a router hears nothing of the
# group (no multicast routing, outer TTL 1). An FDB entry appended to the default entry sends
# a copy to a unicast VTEP too (head-end replication beside the group). A device taken down
# leaves the group; the other members still hear each other.
ip netns add h1
ip netns add h2
ip netns add h3
ip netns add r
ip link add sw netns r type bridge
ip -n r link set sw up
ip link add eth0 netns h1 type veth peer name p1 netns r
ip link add eth0 netns h2 type veth peer name p2 netns r
ip link add eth0 netns h3 type veth peer name p3 netns r
ip -n r link set p1 master sw
ip -n r link set p2 master sw
ip -n r link set p1 up
ip -n r link set p2 up
ip -n r link set p3 up
ip -n r addr add 192.168.255.1/24 dev sw
ip -n r addr add 192.168.254.1/24 dev p3
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n h1 addr add 192.168.255.11/24 dev eth0
ip -n h2 addr add 192.168.255.12/24 dev eth0
ip -n h3 addr add 192.168.254.13/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h3 link set eth0 up
ip -n h1 route add default via 192.168.255.1
ip -n h2 route add default via 192.168.255.1
ip -n h3 route add default via 192.168.254.1
ip -n h1 link add vx0 type vxlan id 255 group 239.2.2.55 dev eth0 dstport 4789
ip -n h2 link add vx0 type vxlan id 255 group 239.2.2.55 dev eth0 dstport 4789
ip -n h3 link add vx0 type vxlan id 255 group 239.2.2.55 dev eth0 dstport 4789
ip -n h1 addr add 10.255.0.1/24 dev vx0
ip -n h2 addr add 10.255.0.2/24 dev vx0
ip -n h3 addr add 10.255.0.3/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip -n h3 link set vx0 up
ip netns exec h1 ping -c 1 192.168.254.13
ip netns exec h1 ping -c 1 10.255.0.2
ip netns exec h1 ping -c 1 10.255.0.3
ip -n h1 link set vx0 down
ip -n h1 link set vx0 type vxlan ttl 10
ip -n h1 link set vx0 up
bridge -n h1 fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.254.13
bridge -n h3 fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.255.11
bridge -n h1 fdb show dev vx0
ip netns exec h1 ping -c 1 10.255.0.4
ip netns exec h1 ping -c 1 10.255.0.3
ip netns exec h3 ping -c 1 10.255.0.1
ip -n h2 link set vx0 down
ip netns exec h1 ping -c 1 10.255.0.2
ip -n h2 link set vx0 up
ip netns exec h3 ping -c 1 10.255.0.2
