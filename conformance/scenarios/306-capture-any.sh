# tcpdump -i any in a router's namespace: Linux cooked captures that name each frame's
# device and direction (In, Out, B for broadcast), both legs of a forwarded ping and the
# ARP on each side; loopback traffic is seen once, coming in.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n r addr add 10.36.1.1/24 dev ra
ip -n r addr add 10.36.2.1/24 dev rb
ip -n r link set lo up
ip -n r link set ra up
ip -n r link set rb up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n a addr add 10.36.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a route add default via 10.36.1.1
ip -n b addr add 10.36.2.2/24 dev eth0
ip -n b link set eth0 up
ip -n b route add default via 10.36.2.1
ip netns exec r tcpdump -n -l -i any &
ip netns exec a ping -c 1 10.36.2.2
ip netns exec r ping -c 1 127.0.0.1
