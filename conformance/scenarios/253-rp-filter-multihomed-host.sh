# rp_filter on a multi-homed host (not a router): p reaches h's second link from an address
# h routes back through its first link. h accepts it with rp_filter 0 and loose (2), drops it
# in strict mode (1, from conf.all or the device's, the larger counts); what comes in by the
# link h routes back through passes every mode.
ip netns add h
ip netns add p
ip link add eth0 netns h type veth peer name e1 netns p
ip link add eth1 netns h type veth peer name e2 netns p
ip -n h link set eth0 up
ip -n h link set eth1 up
ip -n p link set e1 up
ip -n p link set e2 up
ip -n p link set lo up
ip -n h addr add 10.253.1.2/24 dev eth0
ip -n h addr add 10.253.2.2/24 dev eth1
ip -n p addr add 10.253.1.1/24 dev e1
ip -n p addr add 10.253.2.1/24 dev e2
ip -n p addr add 10.253.9.9/32 dev lo
ip -n h route add default via 10.253.1.1
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.2.2
ip netns exec h sysctl -w net.ipv4.conf.all.rp_filter=1
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.2.2
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.1.2
ip netns exec p ping -c 1 10.253.2.2
ip netns exec h sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.2.2
ip netns exec h sysctl -w net.ipv4.conf.all.rp_filter=0
ip netns exec h sysctl -w net.ipv4.conf.eth1.rp_filter=1
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.2.2
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.1.2
ip netns exec h sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec p ping -c 1 -I 10.253.9.9 10.253.2.2
ip netns exec h sysctl -w net.ipv4.conf.eth1.rp_filter=3
ip netns exec h sysctl net.ipv4.conf.eth1.rp_filter
