# SNMP counters of a connection that stays open (nc holds it): CurrEstab on both ends and
# ss -s's estab, the listener and the connection in sockstat's inuse, the segments of the
# handshake; a scan (nc -z) of a closed port is a failed attempt and a reset sent.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.175.0.1/24 dev eth0
ip -n b addr add 10.175.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b nc -lnv 5000 &
ip netns exec a nc -n 10.175.0.2 5000 &
ip netns exec a nc -zn 10.175.0.2 5001
ip netns exec a cat /proc/net/snmp
ip netns exec b cat /proc/net/snmp
ip netns exec a ss -s
ip netns exec b ss -s
ip netns exec b cat /proc/net/sockstat
ip netns exec a netstat -s
