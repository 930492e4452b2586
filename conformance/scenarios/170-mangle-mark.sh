# The mangle and security tables and the firewall mark: MARK (in mangle) sets the packet's mark,
# -m mark (in any table) reads it with a mask; the mark stays in one namespace (a veth into another
# namespace clears it); a DROP in mangle or security drops like one in filter.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip -n a link set lo up
ip -n b link set lo up
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 1
ip netns exec a iptables -A OUTPUT -m mark --mark 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -D OUTPUT -m mark --mark 1 -j DROP
ip netns exec a iptables -A OUTPUT -m mark ! --mark 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -A INPUT -m mark --mark 1 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --set-xmark 0x1/0xffffffff
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -m mark --mark 0x10/0xf0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A PREROUTING -p icmp -j MARK --or-mark 0x10
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -F
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -F
ip netns exec b iptables -t security -A INPUT -p icmp -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t security -P INPUT DROP
ip netns exec b iptables -t security -F
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t security -P INPUT ACCEPT
ip netns exec b iptables -t mangle -A FORWARD -j MARK --set-mark 5
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A OUTPUT -m mark --mark 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
