# CT --notrack and NOTRACK in the raw table: conntrack passes the packet by, so the conntrack and
# state matches see it as UNTRACKED (neither NEW nor INVALID), it makes no connection (the answer
# to an untracked request is a lone reply) and no NAT applies to it; the untracked mark stays in
# the namespace. CT is for the raw table only, a helper needs its protocol, and -S prints both
# spellings as given.
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.0.1.2/24 dev va
ip -n r addr add 10.0.1.1/24 dev ra
ip -n r addr add 10.0.2.1/24 dev rb
ip -n b addr add 10.0.2.2/24 dev vb
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.0.1.1
ip -n b route add default via 10.0.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec b iptables -A INPUT -m conntrack --ctstate UNTRACKED -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -t raw -A PREROUTING -p icmp -j CT --notrack
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -R INPUT 1 -m state --state INVALID -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -R INPUT 1 -m conntrack --ctstate NEW -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -R INPUT 1 -m state ! --state UNTRACKED -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -F INPUT
ip netns exec b iptables -t raw -F
ip netns exec a iptables -A INPUT -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec a iptables -P INPUT DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec a iptables -t raw -A OUTPUT -p icmp -j NOTRACK
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec a iptables -t raw -S
ip netns exec a iptables -t raw -F
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -t nat -A POSTROUTING -o rb -j MASQUERADE
ip netns exec b iptables -A INPUT -s 10.0.1.2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -t raw -A PREROUTING -i ra -j CT --notrack
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -F INPUT
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -A FORWARD -m state --state UNTRACKED -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -F FORWARD
ip netns exec r iptables -t raw -F
ip netns exec r iptables -A INPUT -j CT --notrack
ip netns exec r iptables -t mangle -A PREROUTING -j NOTRACK
ip netns exec r iptables -t raw -A PREROUTING -j CT --helper ftp
ip netns exec r iptables -t raw -A PREROUTING -p udp -j CT --helper ftp
ip netns exec r iptables -t raw -A PREROUTING -p tcp -j CT --helper ftp
ip netns exec r iptables -t raw -A PREROUTING -p udp -j CT --helper tftp --zone 3
ip netns exec r iptables -t raw -A OUTPUT -j CT --timeout slow
ip netns exec r iptables -t raw -A OUTPUT -j CT --ctevents new,bogus
ip netns exec r iptables -t raw -A OUTPUT -j CT --zone 70000
ip netns exec r iptables -t raw -A OUTPUT -j CT --zone-orig 1 --zone-reply 2
ip netns exec r iptables -t raw -A OUTPUT -j CT --ctevents mark,new --zone mark
ip netns exec r iptables -t raw -S
