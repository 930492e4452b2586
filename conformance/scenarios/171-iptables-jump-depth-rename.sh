# nf_tables follows at most 15 nested jumps from a base chain: a rule that would make a walk deeper
# is refused (Too many links) whichever end it is added at, by -A, -I, -R, -j or -g; chains no base
# chain reaches may nest deeper. iptables -E renames a user chain and the jumps to it follow.
ip link set lo up
iptables -N c1
iptables -N c2
iptables -N c3
iptables -N c4
iptables -N c5
iptables -N c6
iptables -N c7
iptables -N c8
iptables -N c9
iptables -N c10
iptables -N c11
iptables -N c12
iptables -N c13
iptables -N c14
iptables -N c15
iptables -N c16
iptables -A c1 -j c2
iptables -A c2 -j c3
iptables -A c3 -j c4
iptables -A c4 -j c5
iptables -A c5 -j c6
iptables -A c6 -j c7
iptables -A c7 -j c8
iptables -A c8 -j c9
iptables -A c9 -j c10
iptables -A c10 -j c11
iptables -A c11 -j c12
iptables -A c12 -j c13
iptables -A c13 -j c14
iptables -A c14 -j c15
iptables -A INPUT -j c1
iptables -A c15 -j c16
iptables -D c15 -j c16
iptables -A c15 -g c16
iptables -F c15
iptables -A c15 -p icmp -j DROP
ping -c 1 -W 1 127.0.0.1
iptables -A c15 -j c16
iptables -I c15 -j c16
iptables -A c15 -j ACCEPT
iptables -R c15 2 -j c16
iptables -A OUTPUT -j c2
iptables -E c15 last
ping -c 1 -W 1 127.0.0.1
iptables -E last c14
iptables -E nosuch other
iptables -E c1
iptables -D last -p icmp -j DROP
ping -c 1 -W 1 127.0.0.1
iptables -F INPUT
iptables -A c16 -j last
iptables -A INPUT -j c16
ping -c 1 -W 1 127.0.0.1
