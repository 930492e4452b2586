# Device counters of stacked and bridged devices: a bridge port counts what it carries with
# its Ethernet header, the bridge device counts what it passes up without it; a macvlan counts
# its own frames (with their header, and broadcasts as mcast; a sibling's broadcast 14 bytes
# more) and its parent counts them too;
# a VXLAN device counts the inner packets (without their header) and its underlay the UDP
# datagrams; a macvlan whose parent has no carrier counts what it cannot send as tx_dropped
# (the three ARP requests of a resolution that fails, a second apart).
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 address 02:00:00:00:73:b0
ip link set br0 up
sleep 2
ip link add p1 type veth peer name e1 netns a
ip link add p2 type veth peer name e2 netns b
ip link set p1 address 02:00:00:00:73:11
ip link set p2 address 02:00:00:00:73:12
ip -n a link set e1 address 02:00:00:00:73:21
ip -n b link set e2 address 02:00:00:00:73:22
ip link set p1 master br0
ip link set p2 master br0
ip link set p1 up
ip link set p2 up
ip addr add 10.73.0.1/24 dev br0
ip -n a addr add 10.73.0.2/24 dev e1
ip -n a link set e1 up
ip -n b addr add 10.73.0.3/24 dev e2
ip -n b link set e2 up
ip netns exec a ping -c 1 10.73.0.3
ip -s link show dev p1
ip -s link show dev p2
ip -n a -s link show dev e1
ping -c 1 10.73.0.2
ip -s link show dev p1
ip -s link show dev p2
ip -n a link add mv1 link e1 type macvlan mode bridge
ip -n a link add mv2 link e1 type macvlan mode bridge
ip -n a link set mv1 address 02:00:00:00:73:31
ip -n a link set mv2 address 02:00:00:00:73:32
ip -n a addr add 10.74.0.1/24 dev mv1
ip -n a addr add 10.77.0.2/24 dev mv2
ip -n b addr add 10.74.0.3/24 dev e2
ip -n a link set mv1 up
ip -n a link set mv2 up
ip netns exec a ping -c 1 -I mv1 10.74.0.3
ip -n a -s link show dev mv1
ip -n a -s link show dev mv2
ip -n a -s link show dev e1
ip -s link show dev p1
ip -n a link add vx0 type vxlan id 73 dstport 4789 remote 10.73.0.3 local 10.73.0.2 dev e1
ip -n b link add vx0 type vxlan id 73 dstport 4789 remote 10.73.0.2 local 10.73.0.3 dev e2
ip -n a link set vx0 address 02:00:00:00:73:41
ip -n b link set vx0 address 02:00:00:00:73:42
ip -n a addr add 10.75.0.1/24 dev vx0
ip -n b addr add 10.75.0.2/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip netns exec a ping -c 1 10.75.0.2
ip -n a -s link show dev vx0
ip -n b -s link show dev vx0
ip -n b link set e2 down
ip -n b link add mv3 link e2 type macvlan mode bridge
ip -n b addr add 10.76.0.1/24 dev mv3
ip -n b link set mv3 up
ip netns exec b ping -c 1 10.76.0.9
sleep 3
ip -n b -s link show dev mv3
