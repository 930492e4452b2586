# traceroute's UDP probes through a NAT router leave unreplied conntrack entries (a port
# unreachable is only RELATED): they expire 30 s after the probe (nf_conntrack_udp_timeout),
# the ping's ICMP entry 30 s after its reply. Before then conntrack -L lists them, after it none.
ip netns add h1
ip netns add r1
ip netns add h2
ip link add h1r1 netns h1 type veth peer name r1h1 netns r1
ip link add r1h2 netns r1 type veth peer name h2r1 netns h2
ip -n h1 addr add 10.0.1.2/24 dev h1r1
ip -n r1 addr add 10.0.1.1/24 dev r1h1
ip -n r1 addr add 10.0.2.1/24 dev r1h2
ip -n h2 addr add 10.0.2.2/24 dev h2r1
ip -n h1 link set h1r1 up
ip -n r1 link set r1h1 up
ip -n r1 link set r1h2 up
ip -n h2 link set h2r1 up
ip -n h1 route add default via 10.0.1.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r1 iptables -t nat -A POSTROUTING -o r1h2 -j MASQUERADE
ip netns exec h1 ping -c 1 10.0.2.2
ip netns exec h1 traceroute -m 4 10.0.2.2
ip netns exec r1 conntrack -L
sleep 10
ip netns exec r1 conntrack -L
sleep 11
sleep 11
ip netns exec r1 conntrack -L
ip netns exec h1 traceroute -m 4 10.0.2.2
ip netns exec r1 conntrack -L
