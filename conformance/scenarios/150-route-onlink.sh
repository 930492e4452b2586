# ip route … onlink: a gateway outside every connected subnet is taken on the device's word
# and ARPed for there; the gateways the kernel still refuses (its own address, a broadcast,
# multicast or loopback address), onlink without a device or without a gateway, and an
# onlink route flushed with its link and not restored when the link comes back.
ip netns add a
ip netns add r
ip link add a0 netns a type veth peer name r0 netns r
ip -n a link set a0 up
ip -n r link set r0 up
ip -n r link set lo up
ip -n a addr add 10.88.0.2/24 dev a0
ip -n r addr add 192.168.88.1/24 dev r0
ip -n r addr add 10.88.9.1/32 dev lo
ip -n r route add 10.88.0.0/24 dev r0
ip -n a route add default via 192.168.88.1 dev a0
ip netns exec a ping -c 1 10.88.9.1
ip -n a route add default via 192.168.88.1 dev a0 onlink
ip -n a route show
ip netns exec a ping -c 1 10.88.9.1
ip netns exec a ping -c 1 192.168.88.1
ip netns exec a traceroute -n 10.88.9.1
ip -n a route add 10.88.1.0/24 via 192.168.88.1 onlink
ip -n a route add 10.88.2.0/24 dev a0 onlink
ip -n a route add 10.88.3.0/24 via 10.88.0.2 dev a0 onlink
ip -n a route add 10.88.4.0/24 via 10.88.0.255 dev a0 onlink
ip -n a route add 10.88.5.0/24 via 224.0.0.5 dev a0 onlink
ip -n a route add 10.88.6.0/24 via 127.0.0.1 dev a0 onlink
ip -n a route add 10.88.7.0/24 via 10.88.0.0 dev a0 onlink
ip -n a link set a0 down
ip -n a route add 10.88.8.0/24 via 192.168.88.1 dev a0 onlink
ip -n a link set a0 up
ip netns exec a ping -c 1 10.88.9.1
ip -n a route add 10.88.9.0/24 via 192.168.88.1 dev a0 onlink
ip netns exec a ping -c 1 10.88.9.1
ip netns exec a ping -c 1 10.88.0.7
