# throw ends the lookup in its own table and the next rule's table decides; with nothing
# after it the lookup fails (net unreachable). prohibit, unreachable and blackhole in a table
# chosen by a rule act as they do in main. Servers only in b tell which way a request went.
ip netns add h
ip netns add r
ip netns add a
ip netns add b
ip link add eth0 netns h type veth peer name h0 netns r
ip link add eth0 netns a type veth peer name a0 netns r
ip link add eth0 netns b type veth peer name b0 netns r
ip -n h addr add 10.32.0.2/24 dev eth0
ip -n r addr add 10.32.0.1/24 dev h0
ip -n a addr add 10.32.1.2/24 dev eth0
ip -n r addr add 10.32.1.1/24 dev a0
ip -n b addr add 10.32.2.2/24 dev eth0
ip -n r addr add 10.32.2.1/24 dev b0
ip -n h link set eth0 up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set h0 up
ip -n r link set a0 up
ip -n r link set b0 up
ip -n a link set lo up
ip -n b link set lo up
ip -n a addr add 198.51.100.10/32 dev lo
ip -n a addr add 198.51.100.130/32 dev lo
ip -n b addr add 198.51.100.10/32 dev lo
ip -n b addr add 198.51.100.130/32 dev lo
ip -n h route add default via 10.32.0.1
ip -n a route add default via 10.32.1.1
ip -n b route add default via 10.32.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec b python3 -m http.server 80 &
ip -n r route add 198.51.100.0/24 via 10.32.1.2 table 100
ip -n r route add throw 198.51.100.128/25 table 100
ip -n r route add 198.51.100.0/24 via 10.32.2.2
ip -n r rule add from 10.32.0.0/24 lookup 100 pref 100
ip -n r route show table 100
ip -n r route get 198.51.100.130 from 10.32.0.2 iif h0
ip -n r route get 198.51.100.10 from 10.32.0.2 iif h0
ip netns exec h curl http://198.51.100.10/
ip netns exec h curl http://198.51.100.130/
ip netns exec h ping -c 1 198.51.100.130
ip -n r route add throw 192.0.2.0/24 table 100
ip netns exec h ping -c 1 192.0.2.1
ip -n r route add prohibit 198.51.100.64/26 table 100
ip netns exec h ping -c 1 198.51.100.70
ip -n r route add unreachable 198.51.100.32/27 table 100
ip netns exec h ping -c 1 198.51.100.40
ip -n r route add blackhole 198.51.100.16/28 table 100
ip netns exec h ping -c 1 198.51.100.20
ip -n r route show table 100
ip netns exec r curl http://198.51.100.10/
ip -n r route del throw 198.51.100.128/25 table 100
ip netns exec h curl http://198.51.100.130/
ip -n r route del throw 192.0.2.0/24
ip -n r route del throw 192.0.2.0/24 table 100
ip netns exec h ping -c 1 192.0.2.1
