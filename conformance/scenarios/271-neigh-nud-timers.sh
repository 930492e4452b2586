# Neighbour states follow the kernel's timers: after a ping the asker's entry is REACHABLE and
# the replier's, learnt from the request and used for the reply, DELAY; after
# delay_first_probe_time (5 s) a unicast probe makes it REACHABLE. An address nobody holds
# stays INCOMPLETE for mcast_solicit x retrans_time (3 s), then FAILED. reachable_time
# (random in [base/2, 3base/2)) turns REACHABLE into STALE; a STALE entry used goes DELAY.
# (Each show stands well clear of a timer's edge: a loaded machine runs late.)
ip netns add a
ip netns add b
ip link add e0 netns a type veth peer name e1 netns b
ip -n a addr add 10.71.0.1/24 dev e0
ip -n b addr add 10.71.0.2/24 dev e1
ip -n a link set e0 up
ip -n b link set e1 up
ip netns exec a ping -c 1 10.71.0.2
ip -n a neigh
ip -n b neigh
ip -n b neigh show nud delay
sleep 9
ip -n b neigh show dev e1
ip -j -n a neigh
ip netns exec a ping -c 1 10.71.0.9
ip -n a neigh show 10.71.0.9
sleep 5
ip -n a neigh show 10.71.0.9
ip -n a neigh show nud failed
# base_reachable_time 12 s: an entry confirmed from now on is REACHABLE for 6-18 s, then
# STALE (unused); a STALE entry used again goes DELAY
ip netns exec a sysctl -w net.ipv4.neigh.e0.base_reachable_time_ms=12000
ip -n b addr add 10.71.0.3/24 dev e1
ip netns exec a ping -c 1 10.71.0.3
ip -n a neigh show 10.71.0.3
sleep 22
ip -n a neigh show 10.71.0.3
ip -n a neigh show to 10.71.0.3 nud stale
ip netns exec a ping -c 1 10.71.0.3
ip -n a neigh show 10.71.0.3
ip -n a neigh show nud delay
