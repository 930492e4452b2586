# Several addresses on one device: the first of a subnet is primary, later ones are
# secondary; deleting the primary also deletes its secondaries (promote_secondaries is
# off); flush removes them all with their routes; deleting what is not there fails.
ip netns add peer
ip link add v0 type veth peer name eth0 netns peer
ip link set v0 up
ip -n peer addr add 10.43.0.2/24 dev eth0
ip -n peer link set eth0 up
ip -n peer route add 10.43.9.0/24 dev eth0
ip addr add 10.43.0.1/24 dev v0
ip addr add 10.43.0.5/24 dev v0
ip addr add 10.43.9.1/24 dev v0
ip addr show dev v0
ip netns exec peer ping -c 1 10.43.0.1
ip netns exec peer ping -c 1 10.43.0.5
ip netns exec peer ping -c 1 10.43.9.1
ip addr del 10.43.0.5/24 dev v0
ip netns exec peer ping -c 1 10.43.0.5
ip addr del 10.43.0.5/24 dev v0
ip addr add 10.43.0.5/24 dev v0
ip addr del 10.43.0.1/24 dev v0
ip netns exec peer ping -c 1 10.43.0.1
ip netns exec peer ping -c 1 10.43.0.5
ip netns exec peer ping -c 1 10.43.9.1
ping -c 1 10.43.0.2
ip addr add 10.43.0.1/24 dev v0
ip addr del 10.43.0.1/16 dev v0
ip addr del 10.43.0.1 dev v0
ip netns exec peer ping -c 1 10.43.0.1
ip addr add 10.43.0.1/24 dev v0
ping -c 1 10.43.0.2
ip addr flush dev v0
ip addr show dev v0
ping -c 1 10.43.0.2
ip netns exec peer ping -c 1 10.43.9.1
ip addr flush dev nosuch0
ip addr del 10.43.0.1/24 dev nosuch0
ip addr show dev nosuch0
ip addr add 10.43.0.1/24 dev v0
ping -c 1 10.43.0.2
