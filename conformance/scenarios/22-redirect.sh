# REDIRECT sends a connection to a port of the host itself: in PREROUTING for traffic
# arriving from outside (the new destination is the address of the incoming interface),
# in OUTPUT for the host's own connections (the new destination is 127.0.0.1).
ip netns add client
ip link add eth1 type veth peer name eth0 netns client
ip addr add 10.22.0.1/24 dev eth1
ip link set eth1 up
ip link set lo up
ip -n client addr add 10.22.0.2/24 dev eth0
ip -n client link set eth0 up
python3 -m http.server 8080 &
python3 -m http.server --bind 127.0.0.1 8081 &
ip netns exec client curl http://10.22.0.1:80/
ip netns exec client curl http://10.22.0.1:8080/
iptables -t nat -A PREROUTING -i eth1 -p tcp --dport 80 -j REDIRECT --to-ports 8080
ip netns exec client curl http://10.22.0.1:80/
# any destination arriving on eth1 is redirected, even one that is not ours
ip netns exec client ip route add 192.0.2.0/24 via 10.22.0.1
ip netns exec client curl http://192.0.2.80:80/
curl http://127.0.0.1:80/
iptables -t nat -A OUTPUT -p tcp --dport 80 -j REDIRECT --to-ports 8080
curl http://127.0.0.1:80/
curl http://10.22.0.1:80/
# a server bound to 127.0.0.1 is not reachable through a PREROUTING redirect
iptables -t nat -A PREROUTING -i eth1 -p tcp --dport 81 -j REDIRECT --to-ports 8081
ip netns exec client curl http://10.22.0.1:81/
iptables -t nat -A OUTPUT -p tcp --dport 81 -j REDIRECT --to-ports 8081
curl http://10.22.0.1:81/
# REDIRECT with --to-ports needs a protocol with ports
iptables -t nat -A PREROUTING -j REDIRECT --to-ports 8080
iptables -t nat -A PREROUTING -p icmp -j REDIRECT --to-ports 8080
iptables -A INPUT -p tcp -j REDIRECT --to-ports 8080
iptables -t nat -D PREROUTING -i eth1 -p tcp --dport 80 -j REDIRECT --to-ports 8080
ip netns exec client curl http://10.22.0.1:80/
