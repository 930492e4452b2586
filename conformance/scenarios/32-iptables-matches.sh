# Match extensions in the filter and nat tables: -m multiport --dports, negated sources
# (! -s), -i / -o, --sport, and -m addrtype --dst-type LOCAL (Docker's way of publishing
# a port on every address of the host).
ip netns add srv
ip netns add a
ip netns add b
ip netns add box
ip link add br0 type bridge
ip link set br0 up
ip link add vs type veth peer name eth0 netns srv
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip link set vs master br0
ip link set va master br0
ip link set vb master br0
ip link set vs up
ip link set va up
ip link set vb up
ip -n srv addr add 10.32.0.1/24 dev eth0
ip -n a addr add 10.32.0.2/24 dev eth0
ip -n b addr add 10.32.0.3/24 dev eth0
ip -n srv link set eth0 up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec srv python3 -m http.server 80 &
ip netns exec srv python3 -m http.server 81 &
ip netns exec srv python3 -m http.server 82 &
ip netns exec srv iptables -A INPUT -p tcp -m multiport --dports 80,81 -j DROP
ip netns exec a curl http://10.32.0.1:80/
ip netns exec a curl http://10.32.0.1:81/
ip netns exec a curl http://10.32.0.1:82/
ip netns exec srv iptables -F INPUT
ip netns exec srv iptables -A INPUT ! -s 10.32.0.2 -p icmp -j DROP
ip netns exec a ping -c 1 10.32.0.1
ip netns exec b ping -c 1 10.32.0.1
ip netns exec srv iptables -F INPUT
# the server's replies leave from port 80
ip netns exec srv iptables -A OUTPUT -p tcp --sport 80 -d 10.32.0.3 -j DROP
ip netns exec a curl http://10.32.0.1:80/
ip netns exec b curl http://10.32.0.1:80/
ip netns exec b curl http://10.32.0.1:81/
ip netns exec srv iptables -F OUTPUT
# the host publishes a port of srv on every one of its local addresses
ip addr add 10.32.0.254/24 dev br0
ip link add eth9 type veth peer name eth0 netns box
ip addr add 192.0.2.1/24 dev eth9
ip link set eth9 up
ip -n box addr add 192.0.2.2/24 dev eth0
ip -n box link set eth0 up
ip -n box route add default via 192.0.2.1
sysctl -w net.ipv4.ip_forward=1
ip -n srv route add default via 10.32.0.254
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -p tcp --dport 8080 -j DNAT --to-destination 10.32.0.1:80
ip netns exec box curl http://192.0.2.1:8080/
ip netns exec box curl http://10.32.0.254:8080/
ip netns exec a curl http://10.32.0.254:8080/
# a destination that is not local is left alone
ip netns exec box curl http://10.32.0.1:8080/
# -i: only what arrives on eth9
ip -n a route add 192.0.2.0/24 via 10.32.0.254
iptables -A INPUT -i eth9 -p icmp -j DROP
ip netns exec box ping -c 1 192.0.2.1
ip netns exec a ping -c 1 192.0.2.1
iptables -A FORWARD -o br0 -p icmp -j DROP
ip netns exec box ping -c 1 10.32.0.2
iptables -S
