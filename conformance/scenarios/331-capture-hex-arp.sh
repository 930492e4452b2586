# tcpdump's dumps of an ARP exchange between two interfaces whose MACs the scenario sets, so
# every byte is fixed: -x and -X dump the packet after the link header in hex (-X with its
# ASCII beside), -xx and -XX the whole frame, -A prints the packet as ASCII; -e adds the
# Ethernet header line and -v the ARP line's length with the hardware and protocol types.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 address 02:00:00:00:31:01
ip -n b link set eth0 address 02:00:00:00:31:02
ip -n a addr add 10.42.0.1/24 dev eth0
ip -n b addr add 10.42.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a tcpdump -n -l -x -i eth0 arp &
ip netns exec a tcpdump -n -l -xx -i eth0 arp &
ip netns exec b tcpdump -n -l -X -i eth0 arp &
ip netns exec b tcpdump -n -l -XX -e -i eth0 arp &
ip netns exec a tcpdump -n -l -A -i eth0 arp &
ip netns exec b tcpdump -n -l -vv -e -i eth0 arp &
ip netns exec a ping -c 1 10.42.0.2
