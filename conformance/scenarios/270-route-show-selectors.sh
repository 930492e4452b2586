# ip route show with selectors: only the routes that match are printed, and the fields a
# selector fixes (dev, proto, scope, metric, src, a host via) are left out of each line
ip netns add a
ip netns add b
ip link add v0 type veth peer name v1 netns a
ip link add w0 type veth peer name w1 netns b
ip addr add 10.0.0.1/24 dev v0
ip addr add 10.9.0.1/24 dev w0
ip link set v0 up
ip link set w0 up
ip -n a link set v1 up
ip route add 192.0.2.0/24 via 10.0.0.2 metric 50
ip route add 192.0.2.0/24 via 10.9.0.2 metric 60
ip route add 198.51.100.0/25 dev w0 proto static
ip route add 198.51.100.128/25 via 10.9.0.2 src 10.9.0.1
ip route add blackhole 203.0.113.0/24
ip route add unreachable 203.0.113.7
ip route add 10.20.0.0/16 via 10.0.0.2 table 100
ip route add default via 10.0.0.2
ip route show default
ip route show dev v0
ip route show dev w0
ip route show oif w0
ip route show proto kernel
ip route show proto static
ip route show proto boot
ip route show scope link
ip route show scope global
ip route show type blackhole
ip route show type unicast
ip route show type local
ip route show metric 50
ip route show via 10.9.0.2
ip route show via 10.9.0.0/16
ip route show src 10.9.0.1
ip route show 192.0.2.0/24
ip route show 192.0.2.0
ip route show exact 203.0.113.7
ip route show to 198.51.100.0/24
ip route show root 198.51.100.0/24
ip route show match 198.51.100.200
ip route show match 10.0.0.9 dev v0
ip route show table 100 dev v0
ip route show table all dev v0
ip route show table local type local
ip route show table local scope host
ip route show table local proto kernel
ip route show dev nosuch
ip route show proto nosuch
ip route show scope nosuch
ip route show type nosuch
ip route show metric x
ip route show 300.0.0.0/8
ip -j route show dev v0
ip -br route show dev w0
ip route list default
ip r s dev w0 scope link
