# Errors on the wire: a router without a route answers net unreachable, a TTL of 1 dies at
# the router with time exceeded, and a host with nothing on a UDP port answers port
# unreachable to traceroute's probe; captured with -e on the host's side of the router.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n r addr add 10.39.1.1/24 dev ra
ip -n r addr add 10.39.2.1/24 dev rb
ip -n r link set ra up
ip -n r link set rb up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n a addr add 10.39.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a route add default via 10.39.1.1
ip -n b addr add 10.39.2.2/24 dev eth0
ip -n b link set eth0 up
ip -n b route add default via 10.39.2.1
ip netns exec r tcpdump -n -e -l -i ra icmp &
ip netns exec a ping -c 1 10.99.0.1
ip netns exec a ping -c 1 -t 1 10.39.2.2
