# icmp_echo_ignore_broadcasts (1 by default): an echo routed to a router's own subnet
# broadcast address is delivered to the router as a broadcast and not answered; with 0 the
# router answers. bc_forwarding sends it on to the subnet instead, where hosts answer only
# with the key off. icmp_echo_ignore_all silences unicast echoes.
ip netns add c
ip netns add r
ip netns add s1
ip netns add s2
ip link add eth0 netns c type veth peer name rc netns r
ip link add sw netns r type bridge
ip link add eth0 netns s1 type veth peer name p1 netns r
ip link add eth0 netns s2 type veth peer name p2 netns r
ip -n r link set p1 master sw
ip -n r link set p2 master sw
ip -n r link set sw up
ip -n r link set p1 up
ip -n r link set p2 up
ip -n r link set rc up
ip -n c link set eth0 up
ip -n s1 link set eth0 up
ip -n s2 link set eth0 up
ip -n c addr add 10.248.1.2/24 dev eth0
ip -n r addr add 10.248.1.1/24 dev rc
ip -n r addr add 10.248.2.1/24 dev sw
ip -n s1 addr add 10.248.2.11/24 dev eth0
ip -n s2 addr add 10.248.2.12/24 dev eth0
ip -n c route add default via 10.248.1.1
ip -n s1 route add default via 10.248.2.1
ip -n s2 route add default via 10.248.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec c ping -c 1 10.248.2.11
ip netns exec c ping -c 1 10.248.2.255
ip netns exec r sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec c ping -c 1 10.248.2.255
ip netns exec r sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=1
ip netns exec r sysctl -w net.ipv4.conf.all.bc_forwarding=1
ip netns exec r sysctl -w net.ipv4.conf.sw.bc_forwarding=1
ip netns exec c ping -c 1 10.248.2.255
ip netns exec s1 sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec c ping -c 1 10.248.2.255
ip netns exec r sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=0
ip netns exec c ping -c 1 10.248.2.255
ip netns exec s1 sysctl -w net.ipv4.icmp_echo_ignore_all=1
ip netns exec c ping -c 1 10.248.2.11
ip netns exec c ping -c 1 10.248.2.12
ip netns exec c traceroute -n 10.248.2.11
ip netns exec r sysctl -w net.ipv4.icmp_echo_ignore_broadcasts=2
