# A route's own MTU (ip route … mtu N) stands in for the device's: the host's DF pings past
# it are a local "message too long", bigger ones without DF leave in fragments; on a router it
# is the MTU forwarded packets meet ("fragmentation needed" with that MTU), and the sender
# then learns it. ip route and ip route get show it; route change without it drops it;
# mtu lock keeps it; a value that is no number is refused.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n c addr add 10.183.1.10/24 dev eth0
ip -n s addr add 10.183.2.10/24 dev eth0
ip -n r addr add 10.183.1.1/24 dev rc
ip -n r addr add 10.183.2.1/24 dev rs
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n c route add 10.183.2.0/24 via 10.183.1.1 mtu 1400
ip -n s route add default via 10.183.2.1
ip -n c route add 10.183.9.0/24 via 10.183.1.1 mtu lock 1300
ip -n c route add 10.183.8.0/24 via 10.183.1.1 mtu x
ip -n c route
ip -n c -j route
ip -n c route get 10.183.2.10
ip netns exec c ping -c 1 -s 1372 -M do 10.183.2.10
ip netns exec c ping -c 1 -s 1373 -M do 10.183.2.10
ip netns exec c ping -c 1 -s 1400 10.183.2.10
ip -n r route add 10.183.2.0/25 dev rs mtu 1200
ip netns exec c ping -c 1 -s 1300 -M dont 10.183.2.10
ip -n c route change 10.183.2.0/24 via 10.183.1.1
ip -n c route
ip netns exec c ping -c 1 -s 1300 -M do 10.183.2.10
ip netns exec c ping -c 1 -s 1300 -M do 10.183.2.10
ip netns exec c ping -c 1 -s 1172 -M do 10.183.2.10
