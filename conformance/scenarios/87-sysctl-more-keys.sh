# More sysctl keys a lab writer reaches for: conf.all.forwarding (the same switch as
# ip_forward), per-device forwarding (checked on the device a packet comes in by),
# send_redirects / accept_redirects, icmp_echo_ignore_all, ip_default_ttl, arp_ignore.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name w netns r
ip link add e netns r type veth peer name eth0 netns b
ip link add eth1 netns a type veth peer name w2 netns r
ip -n a addr add 10.87.0.2/24 dev eth0
ip -n a addr add 10.87.5.2/24 dev eth1
ip -n r addr add 10.87.0.1/24 dev w
ip -n r addr add 10.87.5.1/24 dev w2
ip -n r addr add 10.87.1.1/24 dev e
ip -n b addr add 10.87.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n r link set w up
ip -n r link set w2 up
ip -n r link set e up
ip -n b link set eth0 up
ip -n a route add default via 10.87.0.1
ip -n b route add default via 10.87.1.1
ip netns exec r sysctl -w net.ipv4.conf.all.forwarding=1
ip netns exec r sysctl net.ipv4.ip_forward
ip netns exec a ping -c 1 10.87.1.2
ip netns exec r sysctl -w net.ipv4.conf.w.forwarding=0
ip netns exec a ping -c 1 10.87.1.2
ip netns exec a traceroute -n 10.87.1.2
ip netns exec b ping -c 1 10.87.0.2
ip netns exec b traceroute -n 10.87.0.2
ip netns exec b ping -c 1 10.87.5.2
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.87.1.2
ip netns exec r sysctl -w net.ipv4.conf.all.send_redirects=0
ip netns exec r sysctl -w net.ipv4.conf.default.accept_redirects=0
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=1
ip netns exec a ping -c 1 10.87.1.2
ip netns exec a traceroute -n 10.87.1.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=0
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=100
ip netns exec a ping -c 1 10.87.1.2
ip netns exec r sysctl -w net.ipv4.ip_default_ttl=33
ip netns exec a ping -c 1 10.87.1.1
ip netns exec a ping -c 1 -t 1 10.87.1.2
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=0
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=256
ip netns exec r sysctl -w net.ipv4.conf.w2.arp_ignore=1
ip -n a route add 10.87.1.1/32 dev eth1
ip netns exec a ping -c 1 10.87.1.1
ip netns exec a ping -c 1 10.87.5.1
ip netns exec r sysctl -w net.ipv4.conf.w2.arp_ignore=0
ip -n a neigh flush dev eth1
ip netns exec a ping -c 1 10.87.1.1
ip netns exec r sysctl net.ipv4.conf.all.send_redirects net.ipv4.conf.w.accept_redirects
