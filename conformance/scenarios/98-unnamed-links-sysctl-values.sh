# `ip link add` without a name (the kernel calls it KIND%d, a veth after its peer) and with
# `up` (the device starts up; `up` on a veth peer is refused: the pair is not joined yet);
# sysctl values beyond 0/1 (ip_forward is any int, u8 keys take 0..255) and lines with
# several keys, where a bad one is reported and the others are still written; C numbers
# (0x10) in metrics and MTUs.
ip netns add a
ip netns add r
ip netns add b
ip -n r link add up type veth peer name eth0 netns a
ip -n r link add type veth peer name eth0 netns b
ip -n r link add type veth
ip -n r link add veth9 type veth peer name up2 up
ip -n r link set veth9 up
ip -n r link set veth3 up
ip -n r link set veth4 up
ip -n r addr add 10.98.1.1/24 dev veth0
ip -n r addr add 10.98.2.1/24 dev veth1
ip -n a addr add 10.98.1.2/24 dev eth0
ip -n b addr add 10.98.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add default via 10.98.1.1
ip -n b route add default via 10.98.2.1
ip netns exec a ping -c 1 10.98.1.1
ip netns exec b ping -c 1 10.98.2.1
ip -n r link set veth1 up
ip netns exec b ping -c 1 10.98.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=2
ip netns exec a ping -c 1 10.98.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=-1
ip netns exec a traceroute -n 10.98.2.2
ip netns exec r sysctl -w net.ipv4.ip_forward=2147483648
ip netns exec r sysctl -w net.ipv4.ip_forward=0 net.ipv4.nosuch=1
ip netns exec a ping -c 1 10.98.2.2
ip netns exec r sysctl -w net.ipv4.nosuch=1 net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.98.2.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=2 net.ipv4.ip_default_ttl=200
ip netns exec a ping -c 1 10.98.2.2
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=abc net.ipv4.icmp_echo_ignore_all=1
ip netns exec a ping -c 1 10.98.2.2
ip netns exec b sysctl -w net.ipv4.icmp_echo_ignore_all=0 net.ipv4.ip_nonlocal_bind=2 net.ipv4.tcp_syncookies=3
ip netns exec b sysctl -w net.ipv4.ip_no_pmtu_disc=256
ip netns exec r sysctl -w net.ipv4.conf.all.rp_filter=-1 net.bridge.bridge-nf-call-iptables=2
ip netns exec a ping -c 1 10.98.2.2
# bridges without a name
ip -n r link add type bridge
ip -n r link add up type bridge
ip -n r link set veth1 master bridge1
ip -n r addr flush dev veth1
ip -n r addr add 10.98.2.1/24 dev bridge1
ip netns exec b ping -c 1 10.98.2.1
ip -n r link set veth1 master bridge0
ip netns exec b ping -c 1 10.98.2.1
ip -n r link set bridge0 up
ip netns exec a ping -c 1 10.98.2.2
ip -n r link add link veth0 up type macvlan mode bridge
ip -n r link set macvlan0 down
ip -n r link add bridge0 type bridge
# iproute2's numbers are C numbers too; the kernel refuses an all-zero MAC
ip -n r route add 10.98.9.0/24 via 10.98.1.2 metric 0x10
ip -n r route add 10.98.9.0/24 via 10.98.1.2 metric 16
ip -n r route add 10.98.8.0/24 via 10.98.1.2 metric 4294967296
ip -n r route add 10.98.8.0/24 via 10.98.1.2 via 10.98.1.3
ip -n r link set veth0 mtu 0x5dc
ip -n r link set veth0 mtu 0100
ip -n r link set veth0 address 00:00:00:00:00:00
ip netns exec a ping -c 1 10.98.1.1
