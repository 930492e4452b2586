# Promiscuous mode lets a device take in frames for other MACs, but IP still drops what was
# addressed to another host: a neighbour entry with the wrong MAC loses the pings whether the
# receiver is promiscuous or not; with the right MAC they pass. The bridge between them
# floods the unknown destination to every port.
ip netns add a
ip netns add b
ip netns add c
ip link add sw type bridge
ip link set sw up
ip link add pa type veth peer name eth0 netns a
ip link add pb type veth peer name eth0 netns b
ip link add pc type veth peer name eth0 netns c
ip link set pa master sw
ip link set pb master sw
ip link set pc master sw
ip link set pa up
ip link set pb up
ip link set pc up
ip -n b link set eth0 address 02:00:00:00:58:0b
ip -n c link set eth0 address 02:00:00:00:58:0c
ip -n a addr add 10.158.0.1/24 dev eth0
ip -n b addr add 10.158.0.2/24 dev eth0
ip -n c addr add 10.158.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up
ip -n a neigh add 10.158.0.2 lladdr 02:00:00:00:58:99 dev eth0 nud permanent
ip netns exec a ping -c 1 10.158.0.2
ip -n b link set eth0 promisc on
ip -n c link set eth0 promisc on
ip netns exec a ping -c 1 10.158.0.2
ip -n a neigh replace 10.158.0.2 lladdr 02:00:00:00:58:0c dev eth0 nud permanent
ip netns exec a ping -c 1 10.158.0.2
ip -n a neigh replace 10.158.0.2 lladdr 02:00:00:00:58:0b dev eth0 nud permanent
ip netns exec a ping -c 1 10.158.0.2
ip -n b link set eth0 promisc off
ip netns exec a ping -c 1 10.158.0.2
ip -n b link show eth0
ip -n c link show eth0
