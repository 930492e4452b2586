# arp (net-tools) prints the neighbour table as /proc/net/arp lists it: complete entries C,
# permanent ones CM, an unanswered resolution "(incomplete)", NOARP entries left out; -a in
# the BSD style, -i and a host to select
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip addr add 10.75.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.75.0.2/24 dev v1
ip -n a link set v1 up
ip neigh add 10.75.0.77 lladdr 02:00:00:00:00:77 dev v0
ip neigh add 10.75.0.78 lladdr 02:00:00:00:00:78 dev v0 nud noarp
ip neigh add 10.75.0.79 lladdr 02:00:00:00:00:79 dev v0 nud stale
ping -c 1 10.75.0.2
ping -c 1 10.75.0.9
arp -n
arp -an
arp -n -i v0 10.75.0.2
arp -n 10.75.0.5
ip netns exec a arp -n
