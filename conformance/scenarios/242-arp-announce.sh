# arp_announce picks the sender address of an ARP request: 0 the packet's own source when
# it is local (even one on lo), 1 that source only when it shares a subnet with the target
# on the device, 2 (and above) always the device's best address for the target; the larger
# of conf.all and the device's counts. b answers only askers in its own subnet
# (arp_ignore=2), so a ping from a's lo address resolves b only when a announces otherwise.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set lo up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.242.0.2/24 dev eth0
ip -n a addr add 10.242.0.12/24 dev eth0
ip -n a addr add 192.168.242.2/32 dev lo
ip -n b addr add 10.242.0.1/24 dev eth0
ip -n b addr add 10.242.0.3/24 dev eth0
ip -n b addr add 10.242.0.4/24 dev eth0
ip -n b addr add 10.242.0.5/24 dev eth0
ip -n b addr add 10.242.0.6/24 dev eth0
ip -n b addr add 10.242.0.7/24 dev eth0
ip -n b addr add 10.242.0.8/24 dev eth0
ip -n b route add 192.168.242.0/24 via 10.242.0.2
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=2
ip netns exec a sysctl net.ipv4.conf.eth0.arp_announce
ip netns exec a ping -c 1 -I 192.168.242.2 10.242.0.1
ip netns exec a ping -c 1 10.242.0.3
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_announce=1
ip netns exec a ping -c 1 -I 192.168.242.2 10.242.0.4
ip netns exec a ping -c 1 -I 10.242.0.12 10.242.0.5
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_announce=0
ip netns exec a ping -c 1 -I 192.168.242.2 10.242.0.6
ip netns exec a sysctl -w net.ipv4.conf.all.arp_announce=2
ip netns exec a ping -c 1 -I 192.168.242.2 10.242.0.7
ip netns exec a sysctl -w net.ipv4.conf.all.arp_announce=0
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_announce=3
ip netns exec a ping -c 1 -I 192.168.242.2 10.242.0.8
ip netns exec a sysctl net.ipv4.conf.eth0.arp_announce
