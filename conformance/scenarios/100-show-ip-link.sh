# What `ip link` and `ip addr` print for each link kind, with every formatting flag the
# terminal accepts: -br, -o, -d, -s, -j, -p; a downed veth keeps its noqueue qdisc.
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip addr add 10.100.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.100.0.2/24 dev v1
ip -n a link set v1 up
ip -n a link set lo up
ip link add br0 type bridge
ip link add d0 type veth peer name d1
ip link set d0 master br0
ip link add mv0 link d1 type macvlan mode bridge
ip link add vx0 type vxlan id 42 dstport 4789 remote 10.100.0.2 local 10.100.0.1 dev v0
ip link add down0 type veth peer name down1
ip link set down1 up
ping -c 1 10.100.0.2
ip link
ip link show dev v0
ip -br link
ip -br addr
ip -o link show dev v0
ip -o addr
ip -d link show dev v0
ip -d link show dev br0
ip -d link show dev d0
ip -d link show dev mv0
ip -d link show dev vx0
ip -d link show dev lo
ip -s link show dev v0
ip -s link show dev lo
ip -j link show dev v0
ip -j addr show dev v0
ip -j -p addr show dev v0
ip -j link
ip link show down0
ip link show down1
ip addr show down0
ip -n a link
ip -n a addr show dev v1
ip -br -n a addr
ip link show dev nosuch0
ip -j addr show dev nosuch0
