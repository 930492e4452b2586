# sysctl writes the kernel refuses or takes as they come: conf.*.mc_forwarding is read-only
# (refused, yet sysctl exits 0), rp_filter, arp_announce and arp_ignore take any number, the
# boolean ICMP keys only 0 and 1, ip_default_ttl 1-255; a refused write changes nothing.
ip netns add a
ip link add eth0 netns a type veth peer name eth1 netns a
ip netns exec a sysctl -w net.ipv4.conf.all.mc_forwarding=1
ip netns exec a sysctl -w net.ipv4.conf.eth0.mc_forwarding=1
ip netns exec a sysctl net.ipv4.conf.all.mc_forwarding net.ipv4.conf.eth0.mc_forwarding
ip netns exec a sysctl -w net.ipv4.conf.eth0.rp_filter=7
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_announce=9
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_ignore=-1
ip netns exec a sysctl net.ipv4.conf.eth0.rp_filter net.ipv4.conf.eth0.arp_announce net.ipv4.conf.eth0.arp_ignore
ip netns exec a sysctl -w net.ipv4.icmp_echo_ignore_all=2
ip netns exec a sysctl -w net.ipv4.icmp_echo_ignore_all=-1
ip netns exec a sysctl -w net.ipv4.ip_default_ttl=255
ip netns exec a sysctl -w net.ipv4.ip_default_ttl=256
ip netns exec a sysctl -w net.ipv4.conf.eth0.accept_local=2
ip netns exec a sysctl -w net.ipv4.conf.eth0.arp_filter=3
ip netns exec a sysctl -w net.ipv4.conf.eth0.route_localnet=2
ip netns exec a sysctl -w net.ipv4.conf.eth0.forwarding=-3
ip netns exec a sysctl net.ipv4.icmp_echo_ignore_all net.ipv4.ip_default_ttl net.ipv4.conf.eth0.accept_local net.ipv4.conf.eth0.arp_filter net.ipv4.conf.eth0.route_localnet net.ipv4.conf.eth0.forwarding
ip -n a link set eth0 up
ip -n a link set eth1 up
ip -n a addr add 10.159.0.1/24 dev eth0
ip netns exec a ping -c 1 10.159.0.1
