# Refused `ip link` commands and the kernel's own words for each: unknown devices,
# duplicate names (also for the veth peer), bad types and modes, macvlan on a missing or
# unsuitable parent, a bridge port made master of itself, deleting twice. The topology
# built between the refusals keeps working.
ip link add v0 type veth peer name v1
ip link add v0 type veth peer name v9
ip link add v2 type veth peer name v1
ip link add v3 type veth peer name v3
ip link add v4 type veth
ip link del v4
ip link add br0 type bridge
ip link add br0 type bridge
ip link add x0 type nosuchkind
ip link add m0 link nosuch type macvlan mode bridge
ip link add m0 link v0 type macvlan mode sideways
ip link add m0 type macvlan mode bridge
ip link add m1 link lo type macvlan mode bridge
ip link set v0 master v1
ip link set v0 master br0
ip link set br0 master br0
ip link set nosuch up
ip link set v0 mtu abc
ip link set v0 sideways
ip link del nosuch
ip link del v0
ip link del v1
ip link del br0
ip link del br0
ip link add vx0 type vxlan id 20000000 dstport 4789
ip link add vx0 type vxlan dstport 4789
ip link add vx0 type vxlan id 42 dev nosuch
ip netns add ns1
ip link add a0 type veth peer name a1 netns nosuch
ip link add a0 type veth peer name a1 netns ns1
ip link add a1 type veth peer name b1 netns ns1
ip -n ns1 link add a1 type veth peer name c1
ip link set a0 up
ip -n ns1 link set a1 up
ip addr add 10.44.0.1/24 dev a0
ip -n ns1 addr add 10.44.0.2/24 dev a1
ping -c 1 10.44.0.2
ip link set a0 netns ns1
ip link set a0 netns nosuch
ping -c 1 10.44.0.2
