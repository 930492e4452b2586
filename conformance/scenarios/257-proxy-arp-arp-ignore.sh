# proxy_arp and arp_ignore answer different questions: arp_ignore governs requests for the
# namespace's own addresses, proxy_arp those for hosts it routes to by another device. With
# arp_ignore=8 the router keeps quiet about itself yet still answers for the far host.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a addr add 10.157.0.2/16 dev eth0
ip -n r addr add 10.157.0.1/24 dev ra
ip -n r addr add 10.157.1.1/24 dev rb
ip -n b addr add 10.157.1.2/24 dev eth0
ip -n b route add default via 10.157.1.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.157.1.2
ip netns exec r sysctl -w net.ipv4.conf.ra.proxy_arp=1
ip netns exec a ping -c 1 10.157.1.2
ip netns exec r sysctl -w net.ipv4.conf.ra.arp_ignore=8
ip netns exec a ping -c 1 10.157.0.1
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 10.157.1.2
ip netns exec a ping -c 1 10.157.1.1
ip netns exec r sysctl -w net.ipv4.conf.ra.proxy_arp=0
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=1
ip -n a neigh flush dev eth0
ip netns exec a ping -c 1 10.157.1.2
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=0
ip -n a neigh flush dev eth0
ip netns exec a traceroute -n 10.157.1.2
