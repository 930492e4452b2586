# The firewall mark steers policy routing: MARK in mangle OUTPUT makes the kernel route the
# packet again (ip_route_me_harder) so `ip rule fwmark` picks another table, keeping the source
# address it had; MARK in mangle PREROUTING is seen by the forwarding lookup; a mark set in the
# filter table does not reroute. x and y both own 192.0.2.1: replies from y have TTL 99.
ip netns add h
ip netns add x
ip netns add y
ip netns add c
ip link add hx netns h type veth peer name xh netns x
ip link add hy netns h type veth peer name yh netns y
ip link add hc netns h type veth peer name ch netns c
ip -n h addr add 10.0.1.1/24 dev hx
ip -n x addr add 10.0.1.2/24 dev xh
ip -n h addr add 10.0.2.1/24 dev hy
ip -n y addr add 10.0.2.2/24 dev yh
ip -n h addr add 10.0.3.1/24 dev hc
ip -n c addr add 10.0.3.2/24 dev ch
ip -n x addr add 192.0.2.1/32 dev lo
ip -n y addr add 192.0.2.1/32 dev lo
ip -n h link set hx up
ip -n h link set hy up
ip -n h link set hc up
ip -n x link set xh up
ip -n y link set yh up
ip -n c link set ch up
ip -n x link set lo up
ip -n y link set lo up
ip -n x route add 10.0.0.0/8 via 10.0.1.1
ip -n y route add 10.0.0.0/8 via 10.0.2.1
ip -n c route add default via 10.0.3.1
ip -n h route add default via 10.0.1.2
ip -n h route add default via 10.0.2.2 table 100
ip netns exec h sysctl -w net.ipv4.ip_forward=1
ip netns exec y iptables -t mangle -A OUTPUT -j TTL --ttl-set 99
ip netns exec h ping -c 1 -W 1 192.0.2.1
ip -n h rule add fwmark 1 table 100
ip netns exec h ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 1
ip netns exec h ping -c 1 -W 1 192.0.2.1
ip netns exec h ping -c 1 -W 1 10.0.1.2
ip -n h rule del fwmark 1 table 100
ip -n h rule add fwmark 0x10/0x10 table 100
ip netns exec h ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -t mangle -R OUTPUT 1 -p icmp -j MARK --set-mark 0x30
ip netns exec h ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -t mangle -F OUTPUT
ip netns exec h iptables -A OUTPUT -p icmp -j MARK --set-mark 0x10
ip netns exec h ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -F OUTPUT
ip netns exec c ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -t mangle -A PREROUTING -i hc -j MARK --set-mark 0x10
ip netns exec c ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -t mangle -R PREROUTING 1 -i hc -j MARK --set-mark 0x20
ip netns exec c ping -c 1 -W 1 192.0.2.1
ip netns exec h iptables -t mangle -R PREROUTING 1 -i hc -j MARK --set-mark 0x10
ip -n h route add 192.0.2.1 via 10.0.1.2 table 100
ip netns exec c ping -c 1 -W 1 192.0.2.1
ip -n h route del 192.0.2.1 via 10.0.1.2 table 100
ip netns exec h iptables -t mangle -A POSTROUTING -j MARK --set-mark 0
ip netns exec c ping -c 1 -W 1 192.0.2.1
