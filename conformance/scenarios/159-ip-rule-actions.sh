# ip rule actions: blackhole drops in silence, unreachable answers net-unreachable (a
# route's unreachable is host-unreachable), prohibit answers admin-prohibited; for the
# router's own packets they are local errors. `not`, `to`, `iif` and `oif` select; a rule
# whose table has no route lets the lookup go on to the next rule.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n c addr add 10.159.1.10/24 dev eth0
ip -n s addr add 10.159.2.10/24 dev eth0
ip -n s addr add 10.159.2.11/24 dev eth0
ip -n s addr add 10.159.2.12/24 dev eth0
ip -n r addr add 10.159.1.1/24 dev rc
ip -n r addr add 10.159.2.1/24 dev rs
ip -n c route add default via 10.159.1.1
ip -n s route add default via 10.159.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec c ping -c 1 10.159.2.10
ip -n r rule add to 10.159.2.10 blackhole
ip -n r rule add to 10.159.2.11 unreachable
ip -n r rule add to 10.159.2.12 prohibit
ip -n r rule show
ip netns exec c ping -c 1 10.159.2.10
ip netns exec c ping -c 1 10.159.2.11
ip netns exec c traceroute -n 10.159.2.11
ip netns exec c ping -c 1 10.159.2.12
ip netns exec r ping -c 1 10.159.2.10
ip netns exec r ping -c 1 10.159.2.11
ip netns exec r ping -c 1 10.159.2.12
ip netns exec s ping -c 1 10.159.1.10
ip -n r rule del to 10.159.2.10 blackhole
ip -n r rule del to 10.159.2.11 unreachable
ip -n r rule del to 10.159.2.12 prohibit
ip -n r rule add iif rc lookup 100 pref 10
ip netns exec c ping -c 1 10.159.2.10
ip netns exec r ping -c 1 10.159.2.10
ip -n r route add unreachable 10.159.2.0/24 table 100
ip netns exec c ping -c 1 10.159.2.10
ip netns exec s ping -c 1 10.159.1.10
ip -n r rule del pref 10
ip -n r rule add not iif rs prohibit pref 20
ip netns exec c ping -c 1 10.159.2.10
ip netns exec s ping -c 1 10.159.1.10
ip netns exec s ping -c 1 10.159.2.1
ip -n r rule del pref 20
ip -n r rule add oif rs blackhole pref 30
ip netns exec r ping -c 1 10.159.2.10
ip netns exec r ping -c 1 -I rs 10.159.2.10
ip netns exec c ping -c 1 10.159.2.10
