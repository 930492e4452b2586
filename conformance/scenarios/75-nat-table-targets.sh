# Which targets the nat table takes: REJECT and DROP in nat chains, SNAT in INPUT, DNAT in
# POSTROUTING, MASQUERADE in OUTPUT; and what a DROP in nat PREROUTING does to a ping.
ip netns add c
ip link add v0 type veth peer name eth0 netns c
ip addr add 10.75.0.1/24 dev v0
ip link set v0 up
ip -n c addr add 10.75.0.2/24 dev eth0
ip -n c link set eth0 up
iptables -t nat -A PREROUTING -j REJECT
iptables -t nat -A OUTPUT -j REJECT
iptables -t nat -A INPUT -p icmp -j REJECT --reject-with icmp-host-unreachable
iptables -t nat -A INPUT -j SNAT --to-source 10.75.0.1
iptables -t nat -A POSTROUTING -j DNAT --to-destination 10.75.0.2
iptables -t nat -A OUTPUT -j MASQUERADE
iptables -t nat -A PREROUTING -p tcp -j DROP
iptables -t nat -A PREROUTING -p icmp -j ACCEPT
iptables -t nat -L -n -v
iptables -t nat -S
ip netns exec c ping -c 1 10.75.0.1
ip netns exec c curl http://10.75.0.1/
ping -c 1 10.75.0.2
iptables -t nat -F
iptables -t nat -A PREROUTING -p icmp -j DROP
ip netns exec c ping -c 1 10.75.0.1
ping -c 1 10.75.0.2
iptables -t nat -A POSTROUTING -p icmp -j DROP
ping -c 1 10.75.0.2
iptables -t nat -A OUTPUT -p icmp -j DROP
ping -c 1 10.75.0.2
ping -c 1 127.0.0.1
