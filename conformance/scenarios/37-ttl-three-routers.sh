# TTL and traceroute across a chain of three routers (a - r1 - r2 - r3 - b): each router
# decrements the TTL and the one that drops it to zero answers with time-exceeded from
# the address it uses to reach the sender; ping -t N stops at router N.
ip netns add a
ip netns add r1
ip netns add r2
ip netns add r3
ip netns add b
ip link add eth0 netns a type veth peer name w netns r1
ip link add e netns r1 type veth peer name w netns r2
ip link add e netns r2 type veth peer name w netns r3
ip link add e netns r3 type veth peer name eth0 netns b
ip -n a addr add 10.37.0.2/24 dev eth0
ip -n r1 addr add 10.37.0.1/24 dev w
ip -n r1 addr add 10.37.1.1/24 dev e
ip -n r2 addr add 10.37.1.2/24 dev w
ip -n r2 addr add 10.37.2.1/24 dev e
ip -n r3 addr add 10.37.2.2/24 dev w
ip -n r3 addr add 10.37.3.1/24 dev e
ip -n b addr add 10.37.3.2/24 dev eth0
ip -n a link set eth0 up
ip -n r1 link set w up
ip -n r1 link set e up
ip -n r2 link set w up
ip -n r2 link set e up
ip -n r3 link set w up
ip -n r3 link set e up
ip -n b link set eth0 up
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec r3 sysctl -w net.ipv4.ip_forward=1
ip -n a route add default via 10.37.0.1
ip -n r1 route add default via 10.37.1.2
ip -n r2 route add 10.37.0.0/24 via 10.37.1.1
ip -n r2 route add 10.37.3.0/24 via 10.37.2.2
ip -n r3 route add default via 10.37.2.1
ip -n b route add default via 10.37.3.1
ip netns exec a traceroute -n 10.37.3.2
ip netns exec b traceroute -n 10.37.0.2
ip netns exec a ping -c 1 -t 1 10.37.3.2
ip netns exec a ping -c 1 -t 2 10.37.3.2
ip netns exec a ping -c 1 -t 3 10.37.3.2
ip netns exec a ping -c 1 -t 4 10.37.3.2
ip netns exec b ping -c 1 10.37.0.2
ip netns exec a traceroute -n -m 2 10.37.3.2
# r2 has no route for this prefix: it answers net-unreachable (hop 2 shows !N)
ip netns exec a ping -c 1 10.37.9.9
ip netns exec a traceroute -n 10.37.9.9
# a router with forwarding off drops silently
ip netns exec r2 sysctl -w net.ipv4.ip_forward=0
ip netns exec a ping -c 1 10.37.3.2
ip netns exec a traceroute -n -m 4 10.37.3.2
ip netns exec a ping -c 1 10.37.1.2
ip netns exec a ping -c 1 10.37.2.1
