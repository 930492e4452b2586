# Device counters (ip -s link, ip -s -s link, ip -s addr, ip -j -s, /proc/net/dev and
# /sys/class/net/IF/statistics) count what each device sent and received, as its driver
# counts it: a veth's rx is what its peer sent; lo counts each packet once, as rx and tx,
# without an Ethernet header; a frame the peer refuses is the sender's tx_dropped, and the
# peer's rx_dropped too when it is too large for the peer (not when the peer is down); ping
# sends an echo the device had no room for again after 500 ms. Five seconds after answering
# a ping the peer confirms the neighbour with a unicast ARP probe, counted too.
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip link set v0 address 02:00:00:00:70:01
ip -n a link set v1 address 02:00:00:00:70:02
ip addr add 10.70.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.70.0.2/24 dev v1
ip -n a link set v1 up
ip -s link show dev v0
ping -c 1 10.70.0.2
ip -s link show dev v0
ip -n a -s link show dev v1
ip -s -s link show dev v0
ip -s addr show dev v0
ip -j -s link show dev v0
ip -j -s -s link show dev v0
sleep 6
ip -s link show dev v0
ip -n a -s -s link show dev v1
cat /sys/class/net/v0/statistics/tx_packets
ip netns exec a cat /sys/class/net/v1/statistics/rx_bytes
ls -1 /sys/class/net/v0/statistics
ping -c 1 -s 1000 10.70.0.2
cat /proc/net/dev
ip netns exec a cat /proc/net/dev
ping -c 1 127.0.0.1
ping -c 1 10.70.0.1
ip -s link show dev lo
ip -n a -s link show dev lo
ip -n a link set v1 mtu 1000
ping -c 1 -s 1400 10.70.0.2
ip -s link show dev v0
ip -n a -s link show dev v1
ip neigh replace 10.70.0.2 lladdr 02:00:00:00:70:02 dev v0 nud permanent
ip -n a link set v1 down
ping -c 1 10.70.0.2
ip -s link show dev v0
ip -n a -s link show dev v1
ip -s -s link show dev v0
cat /sys/class/net/v0/statistics/tx_dropped
ip netns exec a cat /sys/class/net/v1/statistics/rx_dropped
cat /sys/class/net/nosuch/statistics/rx_bytes
