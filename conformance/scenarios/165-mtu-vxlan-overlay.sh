# VXLAN adds 50 bytes: the overlay device's MTU is its underlay's minus 50 (1450 by
# default), and a DF ping that does not fit it is a local "message too long". Raising it to
# 1500 is refused when the device names its underlay (dev), accepted without; the outer
# packets are then too big for the underlay and leave in fragments (no DF outside), so pings
# still pass; an underlay link with a smaller MTU fragments them too.
ip netns add u1
ip netns add u2
ip link add e1 netns u1 type veth peer name e2 netns u2
ip -n u1 link set e1 up
ip -n u2 link set e2 up
ip -n u1 addr add 192.168.165.1/24 dev e1
ip -n u2 addr add 192.168.165.2/24 dev e2
ip -n u1 link add vx0 type vxlan id 165 remote 192.168.165.2 dev e1 dstport 4789
ip -n u2 link add vx0 type vxlan id 165 remote 192.168.165.1 dstport 4789
ip -n u1 link set vx0 up
ip -n u2 link set vx0 up
ip -n u1 addr add 10.165.0.1/24 dev vx0
ip -n u2 addr add 10.165.0.2/24 dev vx0
ip netns exec u1 ping -c 1 -s 1422 -M do 10.165.0.2
ip netns exec u1 ping -c 1 -s 1423 -M do 10.165.0.2
ip netns exec u1 ping -c 1 -s 1423 10.165.0.2
ip -n u1 link set vx0 mtu 1500
ip -n u2 link set vx0 mtu 1500
ip netns exec u2 ping -c 1 -s 1472 -M do 10.165.0.1
ip netns exec u2 ping -c 1 -s 1473 -M do 10.165.0.1
ip -n u1 link set e1 mtu 1400
ip -n u2 link set e2 mtu 1400
ip netns exec u2 ping -c 1 -s 1422 -M do 10.165.0.1
ip netns exec u1 ping -c 1 -s 1400 10.165.0.2
ip netns exec u1 ping -c 1 -s 1372 -M do 192.168.165.2
ip netns exec u1 ping -c 1 -s 1373 -M do 192.168.165.2
