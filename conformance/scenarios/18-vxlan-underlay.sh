# A VXLAN overlay (VNI 100, UDP 4789) between two hosts whose underlay crosses a router.
# The overlay is one hop whatever the underlay; a router dropping UDP 4789 kills the
# overlay but not the underlay; a VNI with no peer configured reaches nobody.
ip netns add h1
ip netns add h2
ip netns add rtr
ip link add eth0 netns h1 type veth peer name r1 netns rtr
ip link add eth0 netns h2 type veth peer name r2 netns rtr
ip -n rtr addr add 10.18.1.1/24 dev r1
ip -n rtr addr add 10.18.2.1/24 dev r2
ip -n rtr link set r1 up
ip -n rtr link set r2 up
ip netns exec rtr sysctl -w net.ipv4.ip_forward=1
ip -n h1 addr add 10.18.1.2/24 dev eth0
ip -n h2 addr add 10.18.2.2/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h1 route add default via 10.18.1.1
ip -n h2 route add default via 10.18.2.1
ip -n h1 link add vx0 type vxlan id 100 dstport 4789 remote 10.18.2.2 local 10.18.1.2 dev eth0
ip -n h2 link add vx0 type vxlan id 100 dstport 4789 remote 10.18.1.2 local 10.18.2.2 dev eth0
ip -n h1 addr add 192.168.18.1/24 dev vx0
ip -n h2 addr add 192.168.18.2/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip netns exec h1 ping -c 1 10.18.2.2
ip netns exec h1 ping -c 1 192.168.18.2
ip netns exec h1 ping -c 1 -t 1 192.168.18.2
ip netns exec h1 traceroute -n 192.168.18.2
ip netns exec h1 traceroute -n 10.18.2.2
ip netns exec h2 python3 -m http.server 80 &
ip netns exec h1 curl http://192.168.18.2/
# the underlay router drops VXLAN
ip netns exec rtr iptables -A FORWARD -p udp --dport 4789 -j DROP
ip netns exec h1 ping -c 1 192.168.18.2
ip netns exec h1 curl http://192.168.18.2/
ip netns exec h1 ping -c 1 10.18.2.2
ip netns exec h1 curl http://10.18.2.2/
ip netns exec rtr iptables -D FORWARD -p udp --dport 4789 -j DROP
ip netns exec h1 ping -c 1 192.168.18.2
# a second VNI with a remote on one side only: the side without one cannot start, but
# it learns its peer from the first packet that arrives and can answer from then on
ip -n h1 link add vx1 type vxlan id 101 dstport 4789 remote 10.18.2.2 local 10.18.1.2 dev eth0
ip -n h1 addr add 192.168.19.1/24 dev vx1
ip -n h1 link set vx1 up
ip -n h2 link add vx1 type vxlan id 101 dstport 4789 local 10.18.2.2 dev eth0
ip -n h2 addr add 192.168.19.2/24 dev vx1
ip -n h2 link set vx1 up
ip netns exec h2 ping -c 1 192.168.19.1
ip netns exec h1 ping -c 1 192.168.19.2
ip netns exec h2 ping -c 1 192.168.19.1
ip netns exec h2 bridge fdb show
# VNIs that differ never meet
ip -n h1 link add vx2 type vxlan id 102 dstport 4789 remote 10.18.2.2 local 10.18.1.2 dev eth0
ip -n h2 link add vx2 type vxlan id 103 dstport 4789 remote 10.18.1.2 local 10.18.2.2 dev eth0
ip -n h1 addr add 192.168.20.1/24 dev vx2
ip -n h2 addr add 192.168.20.2/24 dev vx2
ip -n h1 link set vx2 up
ip -n h2 link set vx2 up
ip netns exec h1 ping -c 1 192.168.20.2
