# A "fragmentation needed" naming an MTU below 552 (min_pmtu) teaches the sender 552, locked:
# ip route get shows "mtu lock 552", pings that may fragment (-M want, -M dont) then leave
# without DF in 552-byte fragments that the router fragments again, -M do is refused locally
# past 552. A route with mtu lock learns nothing below its own MTU; a route MTU below 552
# is taken as given.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n r link set rs mtu 400
ip -n s link set eth0 mtu 400
ip -n c addr add 10.241.1.10/24 dev eth0
ip -n s addr add 10.241.2.10/24 dev eth0
ip -n s addr add 10.241.3.10/24 dev eth0
ip -n r addr add 10.241.1.1/24 dev rc
ip -n r addr add 10.241.2.1/24 dev rs
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n c route add 10.241.2.0/24 via 10.241.1.1
ip -n c route add 10.241.3.0/24 via 10.241.1.1 mtu lock 1000
ip -n s route add default via 10.241.2.1
ip -n r route add 10.241.3.0/24 dev rs
ip netns exec c ping -c 1 -s 800 -M do 10.241.2.10
ip -n c route get 10.241.2.10
ip netns exec c ping -c 1 -s 800 -M do 10.241.2.10
ip netns exec c ping -c 1 -s 525 -M do 10.241.2.10
ip netns exec c ping -c 1 -s 524 -M do 10.241.2.10
ip netns exec c ping -c 1 -s 800 10.241.2.10
ip netns exec c ping -c 1 -s 800 -M dont 10.241.2.10
ip -n c route get 10.241.2.10
ip netns exec c ping -c 1 -s 800 -M do 10.241.3.10
ip -n c route get 10.241.3.10
ip netns exec c ping -c 1 -s 800 -M do 10.241.3.10
ip netns exec c ping -c 1 -s 800 10.241.3.10
ip -n c route add 10.241.4.0/24 via 10.241.1.1 mtu 300
ip -n c route add 10.241.5.0/24 via 10.241.1.1 mtu lock 100
ip -n c route add 10.241.6.0/24 via 10.241.1.1 mtu 0
ip -n c route
ip -n c route get 10.241.4.1
ip netns exec c ping -c 1 -s 300 -M do 10.241.4.1
ip netns exec c ping -c 1 -s 200 -M do 10.241.4.1
