# Routes of every kind in tables main, local and a numbered one: metric, onlink, src, proto,
# scope, blackhole/unreachable/prohibit/throw, as ip route, -j, -d, -o, route -n/-e and ip rule.
ip link add v0 type veth peer name v1
ip link set v0 address 02:00:00:53:00:01
ip link set v1 address 02:00:00:53:00:02
ip link set v0 up
ip link set v1 up
ip addr add 10.53.0.1/24 dev v0
ip addr add 10.53.1.1/24 dev v1
ip route add 192.0.2.0/24 via 10.53.0.254 metric 50
ip route add 192.0.2.0/24 via 10.53.1.254 metric 100
ip route add 198.51.100.0/25 dev v0 src 10.53.0.1
ip route add 198.51.100.128/25 via 10.99.0.1 dev v0 onlink
ip route add 203.0.113.0/26 dev v1 proto static scope link
ip route add 203.0.113.64/26 via 10.53.1.254 proto 42
ip route add blackhole 203.0.113.128/27
ip route add unreachable 203.0.113.160/27
ip route add prohibit 203.0.113.192/27
ip route add 10.60.0.0/16 via 10.53.0.254 table 100
ip route add throw 10.60.1.0/24 table 100
ip route add default via 10.53.0.254 metric 600
ip route
ip route show table main
ip -d route
ip -j route
ip -o route show
ip route show table 100
ip -d route show table 100
ip route show table local
ip -j route show table local
ip route show table all
ip route show type unreachable
ip route show type prohibit
ip route show type throw table 100
ip route show proto 42
ip route show scope link
ip route show 192.0.2.0/24
ip route show via 10.53.0.254
ip route get 192.0.2.1
ip route get 198.51.100.130
ip route get 203.0.113.130
ip route get 203.0.113.170
ip route get 203.0.113.200
ip route get 198.51.100.5 from 10.53.1.1
ip -j route get 203.0.113.70
ip -d route get 192.0.2.1
ip route get 10.53.1.1
ip route get 10.53.0.2 oif v1
ip route get 127.0.0.1
route -n
route -e
route -ne
route -nee
route
ip rule
ip rule show
ip -j rule show
ip rule add from 10.53.1.0/24 table 100 priority 500
ip rule add fwmark 0x7 lookup 100
ip rule
ip -j rule
ip route get 10.60.1.5 from 10.53.1.1
ip route get 10.60.2.5 from 10.53.1.1
ip route get 10.60.2.5 from 10.53.0.1
ip route get 10.60.2.5 mark 7
ip link set v1 down
ip route
ip route show table all type unicast
ip route get 192.0.2.1
route -n
