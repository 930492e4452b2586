# Policy routing: a router with two upstreams sends each client subnet out its own uplink
# (`ip rule add from SUBNET lookup TABLE`, a default route in table 100). Its own packets
# come from iif lo; rules are tried by preference; deleting the rule brings main back.
ip netns add c1
ip netns add c2
ip netns add r
ip netns add u1
ip netns add u2
ip link add eth0 netns c1 type veth peer name ra netns r
ip link add eth0 netns c2 type veth peer name rb netns r
ip link add eth0 netns u1 type veth peer name ru1 netns r
ip link add eth0 netns u2 type veth peer name ru2 netns r
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n u1 link set eth0 up
ip -n u2 link set eth0 up
ip -n u1 link set lo up
ip -n u2 link set lo up
ip -n r link set ra up
ip -n r link set rb up
ip -n r link set ru1 up
ip -n r link set ru2 up
ip -n c1 addr add 10.158.1.10/24 dev eth0
ip -n c2 addr add 10.158.2.10/24 dev eth0
ip -n r addr add 10.158.1.1/24 dev ra
ip -n r addr add 10.158.2.1/24 dev rb
ip -n r addr add 192.168.158.1/30 dev ru1
ip -n r addr add 192.168.158.5/30 dev ru2
ip -n u1 addr add 192.168.158.2/30 dev eth0
ip -n u2 addr add 192.168.158.6/30 dev eth0
ip -n u1 addr add 10.158.99.1/32 dev lo
ip -n u2 addr add 10.158.99.2/32 dev lo
ip -n c1 route add default via 10.158.1.1
ip -n c2 route add default via 10.158.2.1
ip -n u1 route add 10.158.0.0/16 via 192.168.158.1
ip -n u2 route add 10.158.0.0/16 via 192.168.158.5
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n r route add default via 192.168.158.2
ip -n r route add default via 192.168.158.6 table 100
ip -n r route add 10.158.50.0/24 via 192.168.158.99 table 100
ip -n r rule add from 10.158.2.0/24 lookup 100
ip -n r rule show
ip -n r route show table 100
ip netns exec c1 ping -c 1 10.158.99.1
ip netns exec c1 ping -c 1 10.158.99.2
ip netns exec c2 ping -c 1 10.158.99.2
ip netns exec c2 ping -c 1 10.158.99.1
ip netns exec c2 traceroute -n 10.158.99.2
ip netns exec c2 ping -c 1 10.158.1.10
ip netns exec r ping -c 1 10.158.99.2
ip -n r rule add iif lo lookup 100 pref 100
ip netns exec r ping -c 1 10.158.99.2
ip netns exec r ping -c 1 10.158.1.10
ip -n r rule add from 10.158.1.0/24 table 100 pref 50
ip netns exec c1 ping -c 1 10.158.99.2
ip -n r rule del from 10.158.2.0/24
ip netns exec c2 ping -c 1 10.158.99.1
ip -n r rule del pref 100
ip -n r rule del pref 100
ip -n r rule add from 10.158.1.0/24 table 100 pref 50
ip -n r rule add from 10.158.1.0/24 table nosuch
ip -n r rule add from 10.158.1.0/33 table 100
ip -n r route show table 200
ip -n r route flush table 100
ip netns exec c1 ping -c 1 10.158.99.1
