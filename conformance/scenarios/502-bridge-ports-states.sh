# A bridge with several ports in each state: no carrier, down, up without carrier, learning
# disabled, hairpin, and its fdb after traffic, in ip, bridge, brctl and their -d/-j/-s forms.
ip netns add h1
ip netns add h2
ip netns add h3
ip link add br0 type bridge
ip link set br0 address 02:00:00:52:00:fe
ip link add p1 type veth peer name eth0 netns h1
ip link add p2 type veth peer name eth0 netns h2
ip link add p3 type veth peer name eth0 netns h3
ip link set p1 address 02:00:00:52:00:11
ip link set p2 address 02:00:00:52:00:12
ip link set p3 address 02:00:00:52:00:13
ip -n h1 link set eth0 address 02:00:00:52:01:01
ip -n h2 link set eth0 address 02:00:00:52:01:02
ip -n h3 link set eth0 address 02:00:00:52:01:03
ip link set p1 master br0
ip link set p2 master br0
ip link set p3 master br0
ip link show master br0
bridge link
brctl show
ip link set br0 up
ip link set p1 up
ip link set p2 up
bridge link
ip link show master br0
ip -br link show master br0
ip -n h1 addr add 10.52.0.1/24 dev eth0
ip -n h2 addr add 10.52.0.2/24 dev eth0
ip -n h3 addr add 10.52.0.3/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
bridge link
bridge -d link show dev p2
brctl show br0
ip -br link show master br0
ping -c 1 10.52.0.1
ip netns exec h1 ping -c 1 10.52.0.2
bridge fdb show br br0
bridge fdb show dev p1
bridge -s fdb show dev p2
brctl showmacs br0
bridge link set dev p2 learning off
bridge link set dev p1 hairpin on
bridge -d link show dev p1
bridge -d link show dev p2
ip -d link show dev p2
ip -j -d link show dev p1
bridge -j link show dev p2
ip link set p3 up
bridge link
ip -n h3 link set eth0 up
bridge link show dev p3
ip netns exec h3 ping -c 1 10.52.0.1
bridge fdb show dev p3
ip link set p2 nomaster
bridge link
brctl show
ip -br link show master br0
ip link show dev p2
ip -d link show dev br0
# (brctl showstp: its timers, not modelled)
ip link set br0 down
bridge link
ip -br link
