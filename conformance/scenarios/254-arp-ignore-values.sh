# arp_ignore's values: 0 answers for any local address, 1 only for addresses on the asking
# device, 2 also only for askers in that address's subnet, 3 not for host-scope addresses,
# 4-7 (reserved) as 0, 8 never; the larger of conf.all and the device's counts.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b link set lo up
ip -n a addr add 10.254.0.2/24 dev eth0
ip -n b addr add 10.254.0.1/24 dev eth0
ip -n b addr add 10.254.0.5/24 dev eth0
ip -n b addr add 10.254.7.1/32 dev lo
ip -n b addr add 10.254.7.2/32 dev lo
ip -n b addr add 10.254.7.3/32 dev lo
ip -n b addr add 10.254.7.4/32 dev lo
ip -n b addr add 10.254.7.5/32 dev lo
ip -n b addr add 10.254.7.6/32 dev lo
ip -n b addr add 10.254.7.7/32 dev lo scope host
ip -n b addr add 10.254.7.8/32 dev lo
ip -n a route add 10.254.7.0/24 dev eth0
ip -n b route add 10.254.7.0/24 dev lo
ip netns exec a ping -c 1 10.254.0.1
ip netns exec a ping -c 1 10.254.7.1
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=1
ip netns exec a ping -c 1 10.254.7.2
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=3
ip netns exec a ping -c 1 10.254.7.3
ip netns exec a ping -c 1 10.254.7.7
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=5
ip netns exec a ping -c 1 10.254.7.4
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=8
ip netns exec a ping -c 1 10.254.0.5
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=0
ip netns exec b sysctl -w net.ipv4.conf.all.arp_ignore=1
ip netns exec a ping -c 1 10.254.7.5
ip netns exec b sysctl -w net.ipv4.conf.all.arp_ignore=0
ip netns exec a ping -c 1 10.254.7.6
ip netns exec b sysctl -w net.ipv4.conf.eth0.arp_ignore=9
ip netns exec a ping -c 1 10.254.7.8
ip netns exec b sysctl net.ipv4.conf.eth0.arp_ignore
