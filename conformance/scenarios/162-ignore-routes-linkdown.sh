# ignore_routes_with_linkdown: a route through a device whose link lost its carrier stays
# (shown linkdown) and still wins the lookup, so traffic dies there; with the key on for that
# device (or for all) the lookup passes it over and the backup route carries the traffic.
ip netns add h
ip netns add r1
ip netns add r2
ip netns add s
ip link add e1 netns h type veth peer name eth0 netns r1
ip link add e2 netns h type veth peer name eth0 netns r2
ip link add eth1 netns r1 type veth peer name s1 netns s
ip link add eth1 netns r2 type veth peer name s2 netns s
ip -n h link set e1 up
ip -n h link set e2 up
ip -n r1 link set eth0 up
ip -n r1 link set eth1 up
ip -n r2 link set eth0 up
ip -n r2 link set eth1 up
ip -n s link set s1 up
ip -n s link set s2 up
ip -n s link set lo up
ip -n h addr add 10.162.1.10/24 dev e1
ip -n h addr add 10.162.2.10/24 dev e2
ip -n r1 addr add 10.162.1.1/24 dev eth0
ip -n r2 addr add 10.162.2.1/24 dev eth0
ip -n r1 addr add 10.162.3.1/24 dev eth1
ip -n r2 addr add 10.162.4.1/24 dev eth1
ip -n s addr add 10.162.3.10/24 dev s1
ip -n s addr add 10.162.4.10/24 dev s2
ip -n s addr add 10.162.9.9/32 dev lo
ip -n s route add 10.162.1.0/24 via 10.162.3.1
ip -n s route add 10.162.2.0/24 via 10.162.4.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip -n r1 route add 10.162.9.9/32 via 10.162.3.10
ip -n r2 route add 10.162.9.9/32 via 10.162.4.10
ip -n h route add 10.162.9.0/24 via 10.162.1.1 metric 10
ip -n h route add 10.162.9.0/24 via 10.162.2.1 metric 20
ip netns exec h ping -c 1 10.162.9.9
ip -n r1 link set eth0 down
ip -n h route show
ip netns exec h ping -c 1 10.162.9.9
ip netns exec h sysctl -w net.ipv4.conf.e1.ignore_routes_with_linkdown=1
ip netns exec h ping -c 1 10.162.9.9
ip netns exec h traceroute -n 10.162.9.9
ip netns exec h sysctl -w net.ipv4.conf.e1.ignore_routes_with_linkdown=0
ip netns exec h ping -c 1 10.162.9.9
ip netns exec h sysctl -w net.ipv4.conf.all.ignore_routes_with_linkdown=1
ip netns exec h ping -c 1 10.162.9.9
ip -n r1 link set eth0 up
ip netns exec h traceroute -n 10.162.9.9
