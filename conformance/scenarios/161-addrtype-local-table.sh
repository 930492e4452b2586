# -m addrtype asks the local table only: an address main routes as unreachable is still
# UNICAST to it (so an UNREACHABLE match never fires and the route answers), while the
# router's own addresses are LOCAL and the subnet broadcast is BROADCAST.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n c addr add 10.161.1.10/24 dev eth0
ip -n s addr add 10.161.2.10/24 dev eth0
ip -n r addr add 10.161.1.1/24 dev rc
ip -n r addr add 10.161.2.1/24 dev rs
ip -n c route add default via 10.161.1.1
ip -n s route add default via 10.161.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n r route add unreachable 10.161.9.0/24
ip -n r route add blackhole 10.161.8.0/24
ip netns exec r iptables -t nat -A PREROUTING -m addrtype --dst-type UNREACHABLE -j DNAT --to-destination 10.161.2.10
ip netns exec r iptables -t nat -A PREROUTING -m addrtype --dst-type BLACKHOLE -j DNAT --to-destination 10.161.2.10
ip netns exec c ping -c 1 10.161.9.9
ip netns exec c ping -c 1 10.161.8.8
ip netns exec r iptables -t nat -A PREROUTING -d 10.161.9.0/24 -m addrtype --dst-type UNICAST -j DNAT --to-destination 10.161.2.10
ip netns exec c ping -c 1 10.161.9.9
ip netns exec c traceroute -n 10.161.9.9
ip netns exec r iptables -A INPUT -p icmp -m addrtype --dst-type LOCAL -j DROP
ip netns exec c ping -c 1 10.161.1.1
ip netns exec c ping -c 1 10.161.2.1
ip netns exec c ping -c 1 10.161.2.10
ip netns exec r iptables -F INPUT
ip netns exec r iptables -A OUTPUT -m addrtype --dst-type UNICAST -p icmp -j DROP
ip netns exec r ping -c 1 10.161.2.10
ip netns exec r ping -c 1 10.161.1.1
ip netns exec c ping -c 1 10.161.1.1
