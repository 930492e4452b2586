# `ip netns del` with devices inside: every veth end inside the namespace is destroyed,
# and a veth end cannot outlive its peer, so the other end (in another namespace, or in
# the root namespace) vanishes too. The freed name can be reused for an empty namespace.
ip netns add left
ip netns add right
ip link add l0 netns left type veth peer name r0 netns right
ip -n left addr add 10.11.0.1/24 dev l0
ip -n right addr add 10.11.0.2/24 dev r0
ip -n left link set l0 up
ip -n right link set r0 up
ip netns exec left ping -c 1 10.11.0.2
ip link add h0 type veth peer name c0 netns right
ip addr add 10.11.1.1/24 dev h0
ip link set h0 up
ip -n right addr add 10.11.1.2/24 dev c0
ip -n right link set c0 up
ping -c 1 10.11.1.2
ip netns del right
# (a link change here only lets the namespace teardown settle before the next probe)
ip link set lo up
ip netns list
ip link show
ping -c 1 10.11.1.2
ip link set h0 down
ip netns exec left ping -c 1 10.11.0.2
ip -n left link set l0 up
ip -n right link show
ip netns exec right ping -c 1 127.0.0.1
# the name is free again; the new namespace is empty
ip netns add right
ip -n right link set r0 up
ip netns exec right ping -c 1 127.0.0.1
ip netns exec right ping -c 1 10.11.0.1
