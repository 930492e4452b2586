# Link settings shown by ip link: txqueuelen (qlen; txqlen and qlen spell it too), promisc
# (PROMISC), mtu within the device's limits; the refusals with iproute2's and the kernel's
# words, leaving the device as it was.
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip link add br0 type bridge
ip link set v0 txqueuelen 500
ip link set v0 qlen 600
ip link set v0 txqlen 0
ip -n a link set v1 txqueuelen 4294967295
ip link set v0 txqueuelen 4294967296
ip link set v0 txqueuelen x
ip link set v0 txqueuelen -1
ip link set br0 txqueuelen 20
ip link show v0
ip -n a link show v1
ip link show br0
ip link set v0 promisc on
ip link set v0 promisc yes
ip link show v0
ip -d link show v0
ip link set v0 mtu 67
ip link set v0 mtu 68
ip link set v0 mtu 65536
ip link set v0 mtu 65535
ip link show v0
ip link set br0 mtu 65536
ip link set br0 mtu 9000
ip link show br0
ip link set lo mtu 67
ip link set lo mtu 70000
ip link show lo
ip link set v0 mtu 1500 txqueuelen 1000 promisc off
ip link show v0
ip -j link show v0
