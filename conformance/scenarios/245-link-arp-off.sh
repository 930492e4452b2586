# ip link set DEV arp off: the device neither asks nor answers ARP; its neighbours become
# NOARP entries carrying the device's own MAC, so its frames go nowhere. Permanent entries
# still carry traffic; turning arp on or off flushes every entry of the device, permanent
# ones too. ip link shows NOARP; the value must be on or off.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:45:0a
ip -n b link set eth0 address 02:00:00:00:45:0b
ip -n a addr add 10.245.0.2/24 dev eth0
ip -n b addr add 10.245.0.1/24 dev eth0
ip -n b addr add 10.245.0.3/24 dev eth0
ip -n b addr add 10.245.0.4/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 10.245.0.1
ip -n a link set eth0 arp off
ip -n a link show eth0
ip -n a neigh show
ip netns exec a ping -c 1 10.245.0.1
ip -n a neigh show
ip netns exec b ping -c 1 10.245.0.2
ip -n a link set eth0 arp maybe
ip -n a neigh add 10.245.0.3 lladdr 02:00:00:00:45:0b dev eth0 nud permanent
ip -n b neigh replace 10.245.0.2 lladdr 02:00:00:00:45:0a dev eth0 nud permanent
ip netns exec a ping -c 1 10.245.0.3
ip -n a neigh show
ip -n a link set eth0 arp on
ip -n a neigh show
ip -n a -br link show eth0
ip netns exec a ping -c 1 10.245.0.4
ip -n a link set dev eth0 arp off arp on
ip -n a link show eth0
