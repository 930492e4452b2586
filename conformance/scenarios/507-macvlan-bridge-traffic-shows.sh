# After traffic through a bridge and through macvlans on a veth: counters (-s, -s -s, -j),
# the bridge's fdb in each form, /sys/class/net, ip -o/-br/-j addr and the link filters.
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 address 02:00:00:57:00:fe
ip link add p1 type veth peer name eth0 netns a
ip link set p1 address 02:00:00:57:00:11
ip -n a link set eth0 address 02:00:00:57:01:01
ip link set p1 master br0
ip link add v0 type veth peer name v1
ip link set v0 address 02:00:00:57:00:21
ip link set v1 address 02:00:00:57:00:22
ip link set v1 master br0
ip link add mb link v0 type macvlan mode bridge
ip link set mb address 02:00:00:57:00:31
ip link set mb netns b
ip -n b link set mb name eth0
ip addr add 10.57.0.254/24 dev br0
ip -n a addr add 10.57.0.1/24 dev eth0
ip -n b addr add 10.57.0.2/24 dev eth0
ip link set br0 up
ip link set p1 up
ip link set v0 up
ip link set v1 up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 10.57.0.2
ping -c 1 10.57.0.1
ip -s link show dev br0
ip -s -s link show dev v1
ip -j -s link show dev p1
ip -n b -s link show dev eth0
ip -n b -d link show dev eth0
ip -n b -j -d link show dev eth0
bridge fdb show br br0
bridge -j fdb show br br0
bridge fdb show dev v1
bridge link show
bridge -j -p link show dev v1
ip link show type bridge_slave
ip -br link show master br0
ip link show type macvlan
ip -o addr
ip -o -4 addr show dev br0
ip -br -4 addr
ip -j addr show dev br0
ls /sys/class/net
ls -1 /sys/class/net
ip netns exec b ls /sys/class/net
cat /sys/class/net/br0/statistics/rx_packets
cat /sys/class/net/v0/statistics/tx_packets
ip netns exec b cat /sys/class/net/eth0/statistics/rx_packets
ip neigh
ip -n a neigh
ip -n b neigh
arp -an
ip netns exec b arp -n
ip link set v0 down
ip -n b link show dev eth0
ip -n b -br link
ip link show dev v1
bridge link show dev v1
