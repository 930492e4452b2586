# Links whose other end lives elsewhere: a veth peer in another namespace (v0@if5 and
# link-netns), after moving a device back, renamed devices, a macvlan whose parent is in
# another namespace, and the same in -br, -j, -d and -o.
ip netns add a
ip netns add b
ip link add v0 type veth peer name v1 netns a
ip link set v0 address 02:00:00:51:00:01
ip -n a link set v1 address 02:00:00:51:00:02
ip link show
ip -br link
ip -j link show dev v0
ip -o link show dev v0
ip -d link show dev v0
ip -n a link show
ip -n a -br link
ip -n a -j link show dev v1
ip netns list
ip link add w0 type veth peer name w1
ip link set w0 address 02:00:00:51:00:11
ip link set w1 address 02:00:00:51:00:12
ip link set w1 netns b
ip link show dev w0
ip -n b link show
ip -n b link set w1 name eth0
ip -n b link show
ip -n b -br link
ip link set w0 up
ip -n b link set eth0 up
ip -n b link set lo up
ip link show dev w0
ip -n b -br link
ip -n b -d link show dev eth0
ip link add mx link w0 type macvlan mode bridge
ip link set mx address 02:00:00:51:00:21
ip link set mx netns b
ip -n b link show dev mx
ip -n b -br link show dev mx
ip -n b -j link show dev mx
ip -n b link set mx up
ip -n b -br link
ip netns list
ip link set v0 netns b
ip -n b -br link
ip -n b link show dev v0
ip link show dev v1
ip netns del b
ip link set lo up
ip -br link
ip link show dev v1
ip netns list
