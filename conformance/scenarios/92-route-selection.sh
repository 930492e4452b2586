# Route selection on a host with two uplinks: two default routes with different metrics,
# failover when the preferred device goes down (its route is gone for good), blackhole /
# unreachable / prohibit prefixes against longer ordinary routes, `src` hints from another
# interface, routes through a down device, the errors of `ip route add|get`, and
# destinations that are broadcasts, 0.0.0.0 or multicast.
ip netns add h
ip netns add r1
ip netns add r2
ip netns add t
ip link add u1 netns h type veth peer name eth0 netns r1
ip link add u2 netns h type veth peer name eth0 netns r2
ip link add e1 netns r1 type veth peer name x1 netns t
ip link add e2 netns r2 type veth peer name x2 netns t
ip -n h addr add 10.92.1.2/24 dev u1
ip -n h addr add 10.92.2.2/24 dev u2
ip -n r1 addr add 10.92.1.1/24 dev eth0
ip -n r1 addr add 10.92.11.1/24 dev e1
ip -n r2 addr add 10.92.2.1/24 dev eth0
ip -n r2 addr add 10.92.12.1/24 dev e2
ip -n t addr add 10.92.11.2/24 dev x1
ip -n t addr add 10.92.12.2/24 dev x2
ip -n t addr add 192.0.2.10/32 dev lo
ip -n t addr add 192.0.2.11/32 dev lo
ip -n h link set u1 up
ip -n h link set u2 up
ip -n r1 link set eth0 up
ip -n r1 link set e1 up
ip -n r2 link set eth0 up
ip -n r2 link set e2 up
ip -n t link set x1 up
ip -n t link set x2 up
ip -n t link set lo up
ip -n r1 route add default via 10.92.11.2
ip -n r2 route add default via 10.92.12.2
ip -n t route add 10.92.1.0/24 via 10.92.11.1
ip -n t route add 10.92.2.0/24 via 10.92.12.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec t python3 -m http.server 80 &
ip -n h route add default via 10.92.1.1 metric 200
ip -n h route add default via 10.92.2.1 metric 100
ip -n h route add default via 10.92.1.1 metric 100
ip -n h route add default via 10.92.1.1 dev u2 metric 50
ip -n h route add 198.51.100.0/24 via 10.92.3.1
ip -n h route get 192.0.2.10
ip -n t route get 10.92.99.1
ip -n h route get 10.92.300.1
ip netns exec h traceroute -n 192.0.2.10
ip netns exec h curl http://192.0.2.10/
ip -n h link set u2 down
ip netns exec h traceroute -n 192.0.2.10
ip netns exec h curl http://192.0.2.10/
ip -n h link set u2 up
ip netns exec h traceroute -n 192.0.2.10
ip -n h route show
# special routes and longer prefixes
ip -n h route add blackhole 192.0.2.0/24
ip -n h route get 192.0.2.10
ip netns exec h ping -c 1 192.0.2.10
ip -n h route add 192.0.2.10/32 via 10.92.2.1 src 10.92.1.2
ip netns exec h curl http://192.0.2.10/
ip netns exec h ping -c 1 192.0.2.11
ip -n h route replace unreachable 192.0.2.0/24
ip netns exec h curl http://192.0.2.11/
ip -n h route add prohibit 192.0.2.11/32
ip netns exec h ping -c 1 192.0.2.11
ip -n h route del 192.0.2.0/24
ip -n h route del unreachable 192.0.2.0/24
ip -n h route del prohibit 192.0.2.11/32
ip netns exec h ping -c 1 192.0.2.10
ip -n r1 route add unreachable 192.0.2.0/25
ip netns exec h ping -c 1 192.0.2.11
ip netns exec h traceroute -n 192.0.2.11
# a route through a device that is down
ip -n h link add d0 type veth peer name d0p
ip -n h addr add 10.92.9.1/24 dev d0
ip -n h route add 203.0.113.0/24 dev d0
ip -n h route add 203.0.113.0/24 via 10.92.9.2
ip -n h link set d0 up
ip -n h route add 203.0.113.0/24 via 10.92.9.2
ip -n h link set d0 down
ip netns exec h ping -c 1 203.0.113.1
ip netns exec h ping -c 1 10.92.9.1
# destinations that are not one host: a subnet broadcast (connect() without SO_BROADCAST is
# EACCES, TCP ENETUNREACH), 255.255.255.255, 0.0.0.0 (lo's own address, or the bound source)
# and a multicast group
ip netns exec h ping -c 1 10.92.1.255
ip netns exec h traceroute -n 10.92.1.255
ip netns exec h curl http://10.92.1.255/
ip netns exec h ping -c 1 255.255.255.255
ip netns exec h curl http://255.255.255.255/
ip netns exec h ping -c 1 10.92.12.255
ip netns exec h ping -c 1 0.0.0.0
ip netns exec h ping -c 1 -I 10.92.1.2 0.0.0.0
ip netns exec t ping -c 1 0.0.0.0
ip netns exec t curl http://0.0.0.0/
ip netns exec t traceroute -n 0.0.0.0
ip netns exec h ping -c 1 224.0.0.1
ip netns exec h curl http://224.0.0.1/
# ip route get with a source, an input device or a prefix
ip -n h route get 192.0.2.10 from 10.92.1.2
ip -n h route get 192.0.2.10 from 10.92.1.9
ip -n h route get 192.0.2.10 iif u1
ip -n h route get 192.0.2.0/24
ip -n h route get
