# ifconfig as net-tools 2.10 prints and sets it: only devices that are up unless -a, in
# natural name order (v2 before v10); flags as SIOCGIFFLAGS reports them (RUNNING only with a
# carrier); the first address with its netmask and broadcast; the counters of /proc/net/dev.
# An address takes its class's prefix and broadcast (10/8, 192.168/24) until a netmask or
# /LEN narrows it, and brings the device up; 0.0.0.0 removes it.
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip link set v0 address 02:00:00:00:71:01
ip -n a link set v1 address 02:00:00:00:71:02
ip link add v10 type veth peer name v2
ip link set v10 address 02:00:00:00:71:10
ip link set v2 address 02:00:00:00:71:02
ip link add d0 type veth peer name d1 netns a
ip link set d0 address 02:00:00:00:71:d0
ifconfig
ifconfig -a
ifconfig v0 10.71.0.1/24
ip netns exec a ifconfig v1 10.71.0.2 netmask 255.255.255.0 up
ip netns exec a ifconfig lo up
ifconfig v0
ip addr show dev v0
ip netns exec a ifconfig v1
ip route
ping -c 1 10.71.0.2
ifconfig v0
ip netns exec a ifconfig
ifconfig d0 192.168.7.7
ifconfig d0
ip addr show dev d0
ip route
ifconfig d0 netmask 255.255.0.0
ifconfig d0
ifconfig d0 broadcast 192.168.255.254
ifconfig d0 mtu 9000
ifconfig d0 promisc
ifconfig d0
ip link show dev d0
ifconfig d0 -promisc
ifconfig d0 -arp
ifconfig d0 down
ifconfig d0
ip route
ifconfig d0 10.9.9.9
ifconfig d0
ifconfig d0 0.0.0.0
ip addr show dev d0
ifconfig d0 mtu 40
ifconfig d0 netmask 255.255.255.0
ifconfig d0 300.1.1.1
ifconfig v2 172.30.0.1
ip addr show dev v2
sleep 6
ifconfig -a
ifconfig -v
ifconfig nosuch
ifconfig -x
ifconfig nosuch up
