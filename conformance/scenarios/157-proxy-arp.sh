# proxy_arp: a router answers ARP for hosts it routes to through another device, so hosts
# on one /16 reach each other across it with no routes of their own. It works per device or
# through conf.all, needs forwarding, and is never given for a route back out the asking
# device (that is proxy_arp_pvlan, all or per device: isolated bridge ports talk through it).
ip netns add a
ip netns add b
ip netns add r
ip link add a0 netns a type veth peer name ra netns r
ip link add b0 netns b type veth peer name rb netns r
ip -n a link set a0 up
ip -n b link set b0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a addr add 10.157.1.10/16 dev a0
ip -n b addr add 10.157.2.10/16 dev b0
ip -n r addr add 10.157.1.1/24 dev ra
ip -n r addr add 10.157.2.1/24 dev rb
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.157.2.10
ip netns exec r sysctl -w net.ipv4.conf.ra.proxy_arp=1
ip netns exec a ping -c 1 10.157.2.10
ip netns exec r sysctl -w net.ipv4.conf.rb.proxy_arp=1
ip netns exec a ping -c 1 10.157.2.10
ip netns exec b ping -c 1 10.157.1.10
ip netns exec a ping -c 1 10.157.9.9
ip netns exec r sysctl -w net.ipv4.conf.ra.proxy_arp=0
ip netns exec r sysctl -w net.ipv4.conf.rb.proxy_arp=0
ip -n a neigh flush dev a0
ip -n b neigh flush dev b0
ip netns exec a ping -c 1 10.157.2.10
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=1
ip netns exec b ping -c 1 10.157.1.10
ip netns exec a ping -c 1 10.157.2.10
ip netns exec r sysctl -w net.ipv4.ip_forward=0
ip -n a neigh flush dev a0
ip -n b neigh flush dev b0
ip netns exec a ping -c 1 10.157.2.10
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp=0
ip netns add h1
ip netns add h2
ip -n r link add br0 type bridge
ip -n r link set br0 up
ip -n r addr add 10.157.5.1/24 dev br0
ip -n r link add p1 type veth peer name eth0 netns h1
ip -n r link add p2 type veth peer name eth0 netns h2
ip -n r link set p1 master br0
ip -n r link set p2 master br0
ip -n r link set p1 up
ip -n r link set p2 up
ip -n h1 addr add 10.157.5.11/24 dev eth0
ip -n h2 addr add 10.157.5.12/24 dev eth0
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip netns exec r bridge link set dev p1 isolated on
ip netns exec r bridge link set dev p2 isolated on
ip netns exec h1 ping -c 1 10.157.5.12
ip netns exec r sysctl -w net.ipv4.conf.all.proxy_arp_pvlan=1
ip netns exec h1 ping -c 1 10.157.5.12
ip netns exec r sysctl -w net.ipv4.conf.br0.proxy_arp_pvlan=1
ip -n h1 neigh flush dev eth0
ip netns exec h1 ping -c 1 10.157.5.12
ip netns exec r sysctl -w net.ipv4.conf.br0.proxy_arp=1
ip netns exec r sysctl -w net.ipv4.conf.br0.proxy_arp_pvlan=0
ip -n h1 neigh flush dev eth0
ip netns exec h2 ping -c 1 10.157.5.11
