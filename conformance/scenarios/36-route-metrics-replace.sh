# Several routes to one prefix (r1 holds 203.0.113.50; r2 is a router with no route for
# it and answers net-unreachable): the lowest metric wins, `add` of an identical prefix and
# metric is refused, `replace` overwrites, `del` removes one route per call (and fails
# when none is left); the most specific prefix beats the default; `src` chooses the
# source address of the host's own packets.
ip netns add r1
ip netns add r2
ip link add to1 type veth peer name eth0 netns r1
ip link add to2 type veth peer name eth0 netns r2
ip addr add 10.36.1.1/24 dev to1
ip addr add 10.36.2.1/24 dev to2
ip link set to1 up
ip link set to2 up
ip -n r1 addr add 10.36.1.2/24 dev eth0
ip -n r2 addr add 10.36.2.2/24 dev eth0
ip -n r1 addr add 203.0.113.50/32 dev lo
ip -n r1 link set eth0 up
ip -n r2 link set eth0 up
ip -n r1 link set lo up
ip -n r1 route add default via 10.36.1.1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec r1 python3 -m http.server 80 &
ip route add 203.0.113.0/24 via 10.36.1.2 metric 100
ip route add 203.0.113.0/24 via 10.36.2.2 metric 50
ping -c 1 203.0.113.50
traceroute -n 203.0.113.50
ip route del 203.0.113.0/24 metric 50
ping -c 1 203.0.113.50
traceroute -n 203.0.113.50
ip route add 203.0.113.0/24 via 10.36.2.2 metric 100
ip route replace 203.0.113.0/24 via 10.36.2.2 metric 100
ping -c 1 203.0.113.50
ip route show
ip route del 203.0.113.0/24
ping -c 1 203.0.113.50
ip route del 203.0.113.0/24
# a default and a more specific route
ip route add default via 10.36.2.2
ip route add 203.0.113.50/32 via 10.36.1.2
traceroute -n 203.0.113.50
ip route get 203.0.113.50
curl http://203.0.113.50/
# src picks the source of the host's own connections
ip route replace 203.0.113.50/32 via 10.36.1.2 src 10.36.2.1
curl http://203.0.113.50/
ip route add 203.0.113.51/32 via 10.36.1.2 src 10.99.99.99
ip route del 203.0.113.50/32
traceroute -n 203.0.113.50
ip route del default
ping -c 1 203.0.113.50
ip route del 10.36.1.0/24
ping -c 1 10.36.1.2
ip route add 10.36.1.0/24 dev to1
ping -c 1 10.36.1.2
