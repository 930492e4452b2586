# net.ipv4.neigh.DEV.* in a new namespace: one set per device (lo's too) and no `default` set
# (that one lives in the machine's first namespace only). The solicit counts, queue lengths
# and most timers refuse negative values; the delays on jiffies take them; the interval
# probe time wants at least 1. A missing device or key cannot be found. ARP still resolves.
ip netns add a
ip netns add b
ip link add e1 netns a type veth peer name e2 netns b
ip -n a link set e1 up
ip -n b link set e2 up
ip -n a addr add 10.181.0.1/24 dev e1
ip -n b addr add 10.181.0.2/24 dev e2
ip netns exec a sysctl net.ipv4.neigh.e1.mcast_solicit
ip netns exec a sysctl net.ipv4.neigh.lo.unres_qlen
ip netns exec a sysctl -w net.ipv4.neigh.e1.base_reachable_time_ms=10000
ip netns exec a sysctl -w net.ipv4.neigh.e1.mcast_solicit=-1
ip netns exec a sysctl -w net.ipv4.neigh.e1.unres_qlen_bytes=-1
ip netns exec a sysctl -w net.ipv4.neigh.e1.gc_stale_time=-1
ip netns exec a sysctl -w net.ipv4.neigh.e1.delay_first_probe_time=-1
ip netns exec a sysctl -w net.ipv4.neigh.e1.interval_probe_time_ms=0
ip netns exec a sysctl -w net.ipv4.neigh.e1.retrans_time_ms=2000
ip netns exec a sysctl -w net.ipv4.neigh.default.gc_thresh1=64
ip netns exec a sysctl -w net.ipv4.neigh.e9.mcast_solicit=3
ip netns exec a sysctl -w net.ipv4.neigh.e1.nosuch=3
ip netns exec a sysctl net.ipv4.neigh.e1.base_reachable_time_ms
ip netns exec a ping -c 1 10.181.0.2
