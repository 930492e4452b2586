# Taking a link down removes its connected route and every static route through it;
# bringing it back restores only the connected route. A peer that goes down leaves the
# routes in place but nothing gets through, and a route through a down device is refused.
ip netns add n
ip link add h0 type veth peer name n0 netns n
ip addr add 10.35.0.1/24 dev h0
ip link set h0 up
ip -n n addr add 10.35.0.2/24 dev n0
ip -n n addr add 192.0.2.35/32 dev lo
ip -n n link set n0 up
ip -n n link set lo up
ip route add 192.0.2.35/32 via 10.35.0.2
ip route add 198.51.100.0/24 dev h0
ping -c 1 10.35.0.2
ping -c 1 192.0.2.35
ip link set h0 down
ip route show
ping -c 1 10.35.0.2
ping -c 1 192.0.2.35
ip route add 192.0.2.35/32 via 10.35.0.2
ip route add 192.0.2.36/32 dev h0
ip link set h0 up
ip route show
ping -c 1 10.35.0.2
ping -c 1 192.0.2.35
ip route add 192.0.2.35/32 via 10.35.0.2
ping -c 1 192.0.2.35
ip netns exec n ping -c 1 10.35.0.1
# the far end goes down: our side keeps its routes (linkdown) but loses carrier
ip -n n link set n0 down
ip route show
ping -c 1 10.35.0.2
ip netns exec n ping -c 1 192.0.2.35
ping -c 1 192.0.2.35
ip -n n link set n0 up
ping -c 1 192.0.2.35
# an address added while the link is down only gets its route once the link is up
ip link set h0 down
ip addr add 10.36.0.1/24 dev h0
ip -n n addr add 10.36.0.2/24 dev n0
ping -c 1 10.36.0.2
ip link set h0 up
ping -c 1 10.36.0.2
