# ICMP errors are rate-limited per destination: a router's bucket holds six (XRLIM_BURST_FACTOR
# x icmp_ratelimit ms) and fills one a second. A routing loop between r1 and r2 sends every
# traceroute probe to one of them: each answers six at once, the rest get no answer. Echo
# replies are not limited (icmp_ratemask), icmp_ratelimit=0 or a mask without time exceeded
# lifts the limit, and a router's "no route" errors pay twice (ip_error's own bucket first).
ip netns add h1
ip netns add r1
ip netns add r2
ip netns add h2
ip link add h1r1 netns h1 type veth peer name r1h1 netns r1
ip link add r1r2 netns r1 type veth peer name r2r1 netns r2
ip link add r2h2 netns r2 type veth peer name h2r2 netns h2
ip -n h1 addr add 10.0.1.2/24 dev h1r1
ip -n r1 addr add 10.0.1.1/24 dev r1h1
ip -n r1 addr add 10.0.2.1/24 dev r1r2
ip -n r2 addr add 10.0.2.2/24 dev r2r1
ip -n r2 addr add 10.0.3.1/24 dev r2h2
ip -n h2 addr add 10.0.3.2/24 dev h2r2
ip -n h1 link set h1r1 up
ip -n r1 link set r1h1 up
ip -n r1 link set r1r2 up
ip -n r2 link set r2r1 up
ip -n r2 link set r2h2 up
ip -n h2 link set h2r2 up
ip -n h1 route add default via 10.0.1.1
ip -n h2 route add default via 10.0.3.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip -n r1 route add 10.0.3.0/24 via 10.0.2.2
ip -n r2 route add 10.0.1.0/24 via 10.0.2.1
# the loop: 10.9.0.0/16 goes back and forth between the two routers
ip -n r1 route add 10.9.0.0/16 via 10.0.2.2
ip -n r2 route add 10.9.0.0/16 via 10.0.2.1
ip netns exec h1 ping -c 1 10.0.3.2
ip netns exec h1 traceroute -m 16 10.9.9.9
ip netns exec h1 ping -c 1 10.0.1.1
ip netns exec h1 ping -c 1 10.0.2.2
ip netns exec r1 sysctl net.ipv4.icmp_ratelimit net.ipv4.icmp_ratemask net.ipv4.icmp_msgs_per_sec net.ipv4.icmp_msgs_burst
sleep 7
ip netns exec r1 sysctl -w net.ipv4.icmp_ratelimit=0
ip netns exec h1 traceroute -m 16 10.9.9.9
sleep 7
ip netns exec r2 sysctl -w net.ipv4.icmp_ratemask=0
ip netns exec h1 traceroute -m 16 10.9.9.9
ip netns exec r2 sysctl net.ipv4.icmp_ratemask
sleep 7
ip netns exec r1 sysctl -w net.ipv4.icmp_ratelimit=1000
ip netns exec r1 sysctl -w net.ipv4.icmp_msgs_burst=-1
ip netns exec r1 sysctl -w net.ipv4.icmp_msgs_per_sec=-5
# no route on r1: ip_error and icmp_send both pay, two errors empty the bucket
ip netns exec h1 traceroute -m 8 10.8.8.8
sleep 3
ip netns exec h1 ping -c 1 10.8.8.8
ip netns exec h1 ping -c 1 10.9.9.9
