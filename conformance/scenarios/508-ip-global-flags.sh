# ip's global flags on devices with traffic and without: -h/-iec counters, -c colours,
# -r, -N, -t, -ts, -0/-4, -br with -o, and a peer down in another namespace (@ifN forms).
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip link set v0 address 02:00:00:58:00:01
ip -n a link set v1 address 02:00:00:58:00:02
ip addr add 10.58.0.1/24 dev v0
ip -n a addr add 10.58.0.2/24 dev v1
ip link set v0 up
ip link show dev v0
ip -br link show dev v0
ip -d link show dev v0
ip -n a link set v1 up
ping -c 1 10.58.0.2
ip -h -s link show dev v0
ip -iec -s link show dev v0
ip -h -s -s link show dev v0
# (ip -c: colours, refused by the lab)
# (ip -c -br addr: colours, refused by the lab)
# (ip -c addr: colours, refused by the lab)
ip -color=never link show dev v0
ip -r route
# (ip -N: numbers for names, refused by the lab)
ip -0 addr show dev v0
ip -4 -br addr
ip -br -o link
ip -o -s link show dev v0
ip -t link show dev v0
ip -ts link show dev v0
ip -n a link set v1 down
ip link show dev v0
ip -br link show dev v0
ip -j link show dev v0
ip -n a link show dev v1
ip -n a -br link
ip route
ip route show dev v0
ip -d route show dev v0
ifconfig v0
ip link set v0 down
ip -n a link show dev v1
ip -n a -br link
ifconfig -a
