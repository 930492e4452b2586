# ip link add takes the link settings ip link set does: txqueuelen and arp off apply to the
# device named (a veth's peer keeps its own defaults), bad values
# are refused with iproute2's words and make nothing.
ip netns add a
ip link add v0 txqueuelen 7 arp off type veth peer name v1
ip link add br0 qlen 50 arp off type bridge
ip link add v2 arp maybe type veth peer name v3
ip link add v2 txqueuelen 1x type veth peer name v3
ip link show v0
ip link show v1
ip link show br0
ip -j link show br0
ip link show v2
ip link set v0 netns a
ip -n a link show v0
ip link set v1 up
ip -n a link set v0 up
ip -n a addr add 10.160.0.1/24 dev v0
ip addr add 10.160.0.2/24 dev v1
ping -c 1 10.160.0.1
ip -n a link set v0 arp on
ping -c 1 10.160.0.1
