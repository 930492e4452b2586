# arp_filter: a device answers ARP for the namespace's addresses only when the route back to
# the asker leaves by that device. b has two ports on one segment and one subnet; its route
# to the subnet uses eth0, so with arp_filter on, eth1 keeps quiet and eth0 answers even for
# eth1's addresses (arp_ignore=1 instead makes each port answer for its own). Either conf.all
# or the device's key turns it on.
ip netns add a
ip netns add b
ip link add sw type bridge
ip link set sw up
ip link add pa type veth peer name eth0 netns a
ip link add pb0 type veth peer name eth0 netns b
ip link add pb1 type veth peer name eth1 netns b
ip link set pa master sw
ip link set pb0 master sw
ip link set pb1 master sw
ip link set pa up
ip link set pb0 up
ip link set pb1 up
ip -n b link set eth0 address 02:00:00:00:43:10
ip -n b link set eth1 address 02:00:00:00:43:11
ip -n a addr add 10.243.0.2/24 dev eth0
ip -n b addr add 10.243.0.1/24 dev eth0
ip -n b addr add 10.243.0.3/24 dev eth1
ip -n b addr add 10.243.0.4/24 dev eth1
ip -n b addr add 10.243.0.5/24 dev eth1
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b link set eth1 up
ip -n b route
ip netns exec b sysctl -w net.ipv4.conf.all.arp_ignore=1
ip netns exec a ping -c 1 10.243.0.3
ip -n a neigh show 10.243.0.3
ip netns exec b sysctl -w net.ipv4.conf.all.arp_ignore=0
ip netns exec b sysctl -w net.ipv4.conf.all.arp_filter=1
ip netns exec a ping -c 1 10.243.0.4
ip -n a neigh show 10.243.0.4
ip netns exec b sysctl -w net.ipv4.conf.all.arp_filter=0
ip netns exec b sysctl -w net.ipv4.conf.eth1.arp_filter=1
ip netns exec a ping -c 1 10.243.0.5
ip -n a neigh show 10.243.0.5
ip netns exec a ping -c 1 10.243.0.1
ip -n a neigh show 10.243.0.1
ip netns exec b sysctl net.ipv4.conf.eth1.arp_filter net.ipv4.conf.all.arp_filter
