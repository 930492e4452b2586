# ip neigh show with selectors: an address or prefix (to), dev, and nud states (repeatable,
# by name, some by prefix, or by number); bad values refused as iproute2 refuses them
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip addr add 10.72.0.1/24 dev v0
ip addr add 10.72.1.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.72.0.2/24 dev v1
ip -n a addr add 10.72.1.2/24 dev v1
ip -n a link set v1 up
ip neigh add 10.72.0.50 lladdr 02:00:00:00:00:50 dev v0
ip neigh add 10.72.1.60 lladdr 02:00:00:00:00:60 dev v0 nud noarp
ip netns exec a ping -c 1 10.72.0.1
ip netns exec a ping -c 1 10.72.1.1
ip neigh show 10.72.0.2
ip neigh show 10.72.0.3
ip neigh show to 10.72.1.0/24
ip neigh show 10.72.0.0/16 dev v0
ip neigh show nud permanent
ip neigh show nud perm
ip neigh show nud noarp
ip neigh show nud all
ip neigh show nud delay nud permanent
ip neigh show nud 128
ip neigh show nud 8 dev v0
ip neigh show nud DELAY
ip neigh show nud none
ip neigh show nud 3
ip neigh show nud del
ip neigh show 10.72.0.300
ip neigh show dev nosuch
ip neigh show nud
