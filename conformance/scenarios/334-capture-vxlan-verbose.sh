# VXLAN with -v and -e: the outer IPv4 header (DF clear, ttl 64, proto UDP), the outer UDP
# datagram to port 4789 with no checksum check at -v, the VXLAN header (flags [I], vni), then
# the inner Ethernet frame and its packet, all on one line with -v's header above it.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 link set eth0 address 02:00:00:00:34:01
ip -n h2 link set eth0 address 02:00:00:00:34:02
ip -n h1 addr add 10.45.0.1/24 dev eth0
ip -n h2 addr add 10.45.0.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h1 link add vx0 type vxlan id 45 dstport 4789 remote 10.45.0.2 local 10.45.0.1 dev eth0
ip -n h2 link add vx0 type vxlan id 45 dstport 4789 remote 10.45.0.1 local 10.45.0.2 dev eth0
ip -n h1 link set vx0 address 02:00:00:00:45:01
ip -n h2 link set vx0 address 02:00:00:00:45:02
ip -n h1 addr add 192.168.45.1/24 dev vx0
ip -n h2 addr add 192.168.45.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 tcpdump -n -l -v -i eth0 udp port 4789 &
ip netns exec h2 tcpdump -n -l -vv -e -i eth0 udp &
ip netns exec h1 tcpdump -n -l -q -i eth0 &
ip netns exec h1 ping -c 1 192.168.45.2
