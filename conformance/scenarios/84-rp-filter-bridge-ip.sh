# rp_filter=1 on a router whose LAN is a bridge with an IP: traffic that enters through the
# bridge is checked against br0 (the port's name does not matter); a per-device key on a
# renamed device follows the new name; `sysctl -w` of a moved device's key fails in the old
# namespace and the device starts with the new namespace's default.
ip netns add h
ip netns add o
ip link add br0 type bridge
ip addr add 10.84.0.1/24 dev br0
ip link set br0 up
ip link add p0 type veth peer name eth0 netns h
ip link set p0 master br0
ip link set p0 up
ip -n h addr add 10.84.0.2/24 dev eth0
ip -n h addr add 10.84.9.2/24 dev eth0
ip -n h link set eth0 up
ip -n h route add default via 10.84.0.1
ip link add o0 type veth peer name eth0 netns o
ip addr add 10.84.1.1/24 dev o0
ip link set o0 up
ip -n o addr add 10.84.1.2/24 dev eth0
ip -n o link set eth0 up
ip -n o route add default via 10.84.1.1
sysctl -w net.ipv4.ip_forward=1
sysctl -w net.ipv4.conf.all.rp_filter=1
ip netns exec h ping -c 1 10.84.1.2
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.1.2
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.0.1
sysctl -w net.ipv4.conf.br0.rp_filter=2
sysctl -w net.ipv4.conf.all.rp_filter=0
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.1.2
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.0.1
sysctl -w net.ipv4.conf.br0.rp_filter=1
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.0.1
ip link set br0 down
ip link set br0 name lan0
ip link set lan0 up
sysctl -w net.ipv4.conf.br0.rp_filter=0
sysctl net.ipv4.conf.lan0.rp_filter
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.0.1
sysctl -w net.ipv4.conf.lan0.rp_filter=0
ip netns exec h ping -c 1 -I 10.84.9.2 10.84.0.1
ip netns exec o sysctl -w net.ipv4.conf.default.rp_filter=1
ip netns exec o sysctl -w net.ipv4.conf.eth0.rp_filter=0
ip -n o link set eth0 netns h
sysctl -w net.ipv4.conf.eth0.rp_filter=2
ip netns exec o sysctl -w net.ipv4.conf.eth0.rp_filter=2
ip netns exec h sysctl -w net.ipv4.conf.eth0.rp_filter=2
sysctl net.ipv4.ip_forward
sysctl net.ipv4.conf.all.rp_filter net.ipv4.conf.default.rp_filter
