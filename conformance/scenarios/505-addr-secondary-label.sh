# Addresses with secondaries, labels, broadcast, peers, noprefixroute and scopes, and how
# ip addr (-br, -o, -j, -4, label, primary/secondary), ifconfig and route show them; deleting
# a primary without promote_secondaries takes its secondaries too.
ip link add v0 type veth peer name v1
ip link set v0 address 02:00:00:55:00:01
ip link set v1 address 02:00:00:55:00:02
ip addr add 10.55.0.1/24 dev v0
ip addr add 10.55.0.2/24 dev v0
ip addr add 10.55.0.3/24 dev v0 label v0:sec
ip addr add 10.55.1.1/24 brd + dev v0 label v0:one
ip addr add 10.55.2.1/24 broadcast 10.55.2.100 dev v0
ip addr add 10.55.3.1/24 dev v0 noprefixroute
ip addr add 10.55.4.1 peer 10.55.4.2 dev v1
ip addr add 10.55.5.1/32 dev v1 scope host
ip addr add 10.55.6.1/24 dev v1 scope link
ip addr show dev v0
ip addr show dev v1
ip -br addr
ip -o addr show dev v0
ip -4 -o addr
ip -j addr show dev v1
ip addr show label v0:sec
ip addr show label 'v0:*'
ip addr show dev v0 primary
ip addr show dev v0 secondary
ip addr show scope link
ip route show table all dev v0
ifconfig -a
ifconfig v0
ifconfig v0:sec
ifconfig v0:one
ifconfig -s
ip link set v0 up
ip link set v1 up
ip -br addr
ip route
ifconfig
route -n
ip addr del 10.55.0.1/24 dev v0
ip addr show dev v0
ip -br addr show dev v0
ip route
ip addr add 10.55.7.1/24 dev v0 valid_lft forever preferred_lft forever
ip addr add 10.55.8.1/24 dev v0 valid_lft 3600 preferred_lft 1800
ip -br addr show dev v0
ip addr show dev v0 dynamic
ip addr show dev v0 permanent
ip addr flush dev v1 scope link
ip addr show dev v1
ip addr flush dev v0 label v0:one
ip -br addr
ifconfig v0:one
ip addr flush dev v0
ip addr show dev v0
ifconfig v0
