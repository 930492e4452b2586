# MTU changes and what follows them: a bridge's MTU tracks its smallest port until set by
# hand, macvlan and vxlan children, and the refusals, in ip link, -d, -j, ifconfig and ip route get.
ip link add v0 type veth peer name v1
ip link add w0 type veth peer name w1
ip link set v0 address 02:00:00:56:00:01
ip link set v1 address 02:00:00:56:00:02
ip link set w0 address 02:00:00:56:00:11
ip link set w1 address 02:00:00:56:00:12
ip link add br0 type bridge
ip link set br0 address 02:00:00:56:00:fe
ip link show dev br0
ip link set v0 master br0
ip link set w0 master br0
ip link set v0 mtu 1400
ip link show dev br0
ip -br link
ip link set w0 mtu 1300
ip link show dev br0
ip link set br0 mtu 1200
ip link show
ip link set v0 mtu 9000
ip link show dev br0
ip -d link show dev br0
ip link set br0 mtu 1500
ip link set v0 mtu 1500
ip link set w0 mtu 1500
ip link show dev br0
ip link set v1 mtu 100
ip link set v1 mtu 68
ip link show dev v1
ip link set v1 mtu 67
ip link set v1 mtu 65536
ip link set v1 mtu 65535
ip link show dev v1
ip -d link show dev v1
ip -j link show dev v1
ifconfig v1
ifconfig -a -s
ip link add mv link w1 type macvlan mode bridge
ip link set mv address 02:00:00:56:00:21
ip link set w1 mtu 1400
ip link show dev mv
ip link set mv mtu 1450
ip link set mv mtu 1300
ip -d link show dev mv
ip link set w1 mtu 1200
ip link show dev mv
ip link add vx0 type vxlan id 56 dstport 4789 dev w1
ip link set vx0 address 02:00:00:56:00:31
ip link show dev vx0
ip link set vx0 mtu 1200
ip -d link show dev vx0
ip link set lo mtu 1280
ip link show dev lo
ip link set w1 up
ip link set w0 up
ip addr add 10.56.0.1/24 dev w1
ip route add 192.0.2.0/24 via 10.56.0.2 mtu 1000
ip route add 198.51.100.0/24 via 10.56.0.2 mtu lock 900
ip route
ip route get 192.0.2.1
ip -d route show 198.51.100.0/24
ip route get 198.51.100.1
