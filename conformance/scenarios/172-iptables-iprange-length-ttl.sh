# Matches on the packet's own fields and the TTL target: -m iprange (source and destination
# ranges, negated), -m length (the IP total length: 84 for a default ping), -m ttl (eq, ! eq, lt,
# gt; ping -t sets the first hop's TTL), and -j TTL in mangle (set, raise, lower, held within
# 0..255) before the router's own decrement in PREROUTING and on the reply in POSTROUTING.
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
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -A FORWARD -m iprange --src-range 10.0.1.1-10.0.1.9 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -R FORWARD 1 -m iprange ! --src-range 10.0.1.1-10.0.1.9 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -R FORWARD 1 -m iprange --dst-range 10.0.2.3-10.0.2.200 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -R FORWARD 1 -m iprange --src-range 10.0.1.0-10.0.1.255 --dst-range 10.0.2.2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -R FORWARD 1 -m iprange --src-range 10.0.1.0-10.0.1.255 ! --dst-range 10.0.2.2 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -F FORWARD
ip netns exec b iptables -A INPUT -p icmp -m length --length 84 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -R INPUT 1 -p icmp -m length ! --length 0:83 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -R INPUT 1 -p icmp -m length --length 85:65535 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-lt 60 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec a ping -c 1 -W 1 -t 50 10.0.2.2
ip netns exec b iptables -R INPUT 1 -p icmp -m ttl --ttl-eq 63 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec a ping -c 1 -W 1 -t 10 10.0.2.2
ip netns exec b iptables -R INPUT 1 -p icmp -m ttl ! --ttl-eq 63 -j DROP
ip netns exec a ping -c 1 -W 1 -t 10 10.0.2.2
ip netns exec b iptables -R INPUT 1 -p icmp -m ttl --ttl-gt 62 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec a ping -c 1 -W 1 -t 63 10.0.2.2
ip netns exec b iptables -F INPUT
ip netns exec a ping -c 1 -W 1 -t 1 10.0.2.2
ip netns exec r iptables -t mangle -A PREROUTING -i ra -j TTL --ttl-inc 1
ip netns exec a ping -c 1 -W 1 -t 1 10.0.2.2
ip netns exec r iptables -t mangle -R PREROUTING 1 -i ra -j TTL --ttl-set 1
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -t mangle -R PREROUTING 1 -i ra -j TTL --ttl-dec 1
ip netns exec a ping -c 1 -W 1 -t 2 10.0.2.2
ip netns exec a ping -c 1 -W 1 -t 3 10.0.2.2
ip netns exec r iptables -t mangle -R PREROUTING 1 -i ra -j TTL --ttl-inc 250
ip netns exec a ping -c 1 -W 1 -t 10 10.0.2.2
ip netns exec b iptables -A INPUT -p icmp -m ttl --ttl-eq 254 -j DROP
ip netns exec a ping -c 1 -W 1 -t 10 10.0.2.2
ip netns exec b iptables -F INPUT
ip netns exec r iptables -t mangle -F PREROUTING
ip netns exec r iptables -t mangle -A POSTROUTING -o ra -j TTL --ttl-set 200
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -t mangle -R POSTROUTING 1 -o ra -j TTL --ttl-dec 100
ip netns exec a ping -c 1 -W 1 10.0.2.2
ip netns exec r iptables -A OUTPUT -j TTL --ttl-set 5
