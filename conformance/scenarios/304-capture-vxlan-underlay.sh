# VXLAN on the underlay: a capture of `udp port 4789` on the underlay veth shows each
# overlay frame inside its outer UDP datagram (VNI 42), ARP first, then the echo; the
# capture on the VXLAN device itself shows the inner frames alone.
ip netns add h1
ip netns add h2
ip link add eth0 netns h1 type veth peer name eth0 netns h2
ip -n h1 addr add 10.34.0.1/24 dev eth0
ip -n h2 addr add 10.34.0.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h1 link add vx0 type vxlan id 42 dstport 4789 remote 10.34.0.2 local 10.34.0.1 dev eth0
ip -n h2 link add vx0 type vxlan id 42 dstport 4789 remote 10.34.0.1 local 10.34.0.2 dev eth0
ip -n h1 addr add 192.168.34.1/24 dev vx0
ip -n h2 addr add 192.168.34.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 tcpdump -n -e -l -i eth0 udp port 4789 &
ip netns exec h2 tcpdump -n -e -l -i vx0 &
ip netns exec h1 ping -c 1 192.168.34.2
