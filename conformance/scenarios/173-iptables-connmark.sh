# The connection's mark (ct->mark): CONNMARK sets it on the connection, so the replies carry it
# too; -m connmark reads it with a mask; --save-mark copies the packet's mark into it and
# --restore-mark copies it back into each later packet of the connection (with --nfmask/--ctmask
# or --mask choosing the bits); a new ping is a new connection with mark 0.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -A PREROUTING -p icmp --icmp-type echo-request -j CONNMARK --set-mark 7
ip netns exec b iptables -A OUTPUT -m connmark --mark 7 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -m connmark --mark 0x4/0x4 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -m connmark ! --mark 7 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -m connmark --mark 0x8/0x8 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F OUTPUT
ip netns exec b iptables -t mangle -A OUTPUT -j CONNMARK --restore-mark
ip netns exec b iptables -A OUTPUT -m mark --mark 7 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -t mangle -R OUTPUT 1 -j CONNMARK --restore-mark --mask 0x3
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -m mark --mark 3 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F OUTPUT
ip netns exec b iptables -t mangle -F
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j MARK --set-mark 0x15
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j CONNMARK --save-mark
ip netns exec a iptables -A INPUT -m connmark --mark 0x15 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -R OUTPUT 2 -p icmp -j CONNMARK --save-mark --nfmask 0x5 --ctmask 0xff
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R INPUT 1 -m connmark --mark 0x5 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -R OUTPUT 2 -p icmp -j CONNMARK --set-xmark 0x1/0x0
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j CONNMARK --xor-mark 0x4
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j CONNMARK --and-mark 0x4
ip netns exec a iptables -R INPUT 1 -m connmark --mark 0x4 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -t mangle -A OUTPUT -p icmp -j CONNMARK --or-mark 0x10
ip netns exec a ping -c 1 -W 1 10.0.0.2
