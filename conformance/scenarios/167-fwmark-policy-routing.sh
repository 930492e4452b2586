# Marks steer routing: a rule "fwmark 1 lookup 100" sends marked packets out the second uplink.
# A mark set in mangle OUTPUT routes the packet again (with the source address it already
# has, so replies come back the first way unless it is masqueraded); a mark set in mangle
# PREROUTING on a router decides the forwarded packet's route. A mask picks the bits a rule
# compares; without the rule, marks change nothing. ping -t shows which router a packet met;
# ip route get … mark shows the same choice, naming the table once rules were changed.
ip netns add h
ip netns add c
ip netns add r1
ip netns add r2
ip netns add s
ip link add e1 netns h type veth peer name rh netns r1
ip link add e2 netns h type veth peer name rh netns r2
ip link add c0 netns h type veth peer name eth0 netns c
ip link add rs netns r1 type veth peer name sa netns s
ip link add rs netns r2 type veth peer name sb netns s
ip -n h addr add 10.171.1.10/24 dev e1
ip -n h addr add 10.171.2.10/24 dev e2
ip -n h addr add 10.171.5.1/24 dev c0
ip -n c addr add 10.171.5.10/24 dev eth0
ip -n r1 addr add 10.171.1.1/24 dev rh
ip -n r2 addr add 10.171.2.1/24 dev rh
ip -n r1 addr add 10.171.3.1/24 dev rs
ip -n r2 addr add 10.171.4.1/24 dev rs
ip -n s addr add 10.171.3.10/24 dev sa
ip -n s addr add 10.171.4.10/24 dev sb
ip -n s addr add 10.171.9.1/32 dev lo
ip -n h link set e1 up
ip -n h link set e2 up
ip -n h link set c0 up
ip -n c link set eth0 up
ip -n r1 link set rh up
ip -n r1 link set rs up
ip -n r2 link set rh up
ip -n r2 link set rs up
ip -n s link set sa up
ip -n s link set sb up
ip -n s link set lo up
ip netns exec h sysctl -w net.ipv4.ip_forward=1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip -n c route add default via 10.171.5.1
ip -n h route add default via 10.171.1.1
ip -n h route add default via 10.171.2.1 table 100
ip -n r1 route add default via 10.171.3.10
ip -n r2 route add default via 10.171.4.10
ip -n r1 route add 10.171.5.0/24 via 10.171.1.10
ip -n r2 route add 10.171.5.0/24 via 10.171.2.10
ip -n s route add 10.171.1.0/24 via 10.171.3.1
ip -n s route add 10.171.5.0/24 via 10.171.3.1
ip -n s route add 10.171.2.0/24 via 10.171.4.1
ip netns exec h ping -c 1 10.171.9.1
ip netns exec h ping -c 1 -t 1 10.171.9.1
ip netns exec h iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 1
ip netns exec h ping -c 1 -t 1 10.171.9.1
ip -n h route get 10.171.9.1 mark 1
ip -n h route get 10.171.1.10
ip -n h rule add fwmark 1 lookup 100
ip netns exec h ping -c 1 -t 1 10.171.9.1
ip -n h route get 10.171.9.1 mark 1
ip -n h route get 10.171.9.1
ip -n h route get 10.171.1.10
ip -n h route get 10.171.9.1 mark 0x301
ip -n h route get 10.171.9.1 mark x
ip -n h route get 10.171.9.1 mark
ip netns exec h ping -c 1 10.171.9.1
ip netns exec h traceroute -n 10.171.9.1
ip netns exec h iptables -t mangle -F OUTPUT
ip netns exec h iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 0x301
ip netns exec h ping -c 1 -t 1 10.171.9.1
ip -n h rule add fwmark 0x1/0xff lookup 100
ip netns exec h ping -c 1 -t 1 10.171.9.1
ip -n h route get 10.171.9.1 mark 0x301
ip -n h -j route get 10.171.9.1 mark 0x301
ip -n h route get 10.171.9.1 from 10.171.5.10 iif c0 mark 0x201
ip netns exec h iptables -t nat -A POSTROUTING -o e2 -j MASQUERADE
ip netns exec h ping -c 1 10.171.9.1
ip netns exec c ping -c 1 -t 2 10.171.9.1
ip netns exec h iptables -t mangle -A PREROUTING -i c0 -j MARK --set-mark 1
ip netns exec c ping -c 1 -t 2 10.171.9.1
ip netns exec c ping -c 1 10.171.9.1
ip -n h rule del fwmark 1 lookup 100
ip netns exec c ping -c 1 -t 2 10.171.9.1
