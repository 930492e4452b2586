# traceroute through two routers, captured on the first router's inside port: the UDP
# probes with TTL 1, 2, 3 come in, time exceeded goes back from each router in turn, and
# port unreachable from the destination ends it.
ip netns add a
ip netns add r1
ip netns add r2
ip netns add b
ip link add eth0 netns a type veth peer name in0 netns r1
ip link add out0 netns r1 type veth peer name in0 netns r2
ip link add eth0 netns b type veth peer name out0 netns r2
ip -n a addr add 10.37.1.2/24 dev eth0
ip -n r1 addr add 10.37.1.1/24 dev in0
ip -n r1 addr add 10.37.2.1/24 dev out0
ip -n r2 addr add 10.37.2.2/24 dev in0
ip -n r2 addr add 10.37.3.1/24 dev out0
ip -n b addr add 10.37.3.2/24 dev eth0
ip -n a link set eth0 up
ip -n r1 link set in0 up
ip -n r1 link set out0 up
ip -n r2 link set in0 up
ip -n r2 link set out0 up
ip -n b link set eth0 up
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip -n a route add default via 10.37.1.1
ip -n r1 route add 10.37.3.0/24 via 10.37.2.2
ip -n r2 route add default via 10.37.2.1
ip -n b route add default via 10.37.3.1
ip netns exec r1 tcpdump -n -l -i in0 &
ip netns exec a traceroute -n 10.37.3.2
