# DNAT port forwarding on a router whose LAN is a bridge: outside clients reach a web
# server behind it through a published port; the router itself needs an OUTPUT rule; a
# LAN client using the public address is the classic hairpin-NAT case.
ip netns add web
ip netns add lanpc
ip netns add wan
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.20.0.1/24 dev br0
ip link add vweb type veth peer name eth0 netns web
ip link add vpc type veth peer name eth0 netns lanpc
ip link set vweb master br0
ip link set vpc master br0
ip link set vweb up
ip link set vpc up
ip -n web addr add 10.20.0.2/24 dev eth0
ip -n lanpc addr add 10.20.0.3/24 dev eth0
ip -n web link set eth0 up
ip -n lanpc link set eth0 up
ip -n web route add default via 10.20.0.1
ip -n lanpc route add default via 10.20.0.1
ip link add up0 type veth peer name eth0 netns wan
ip addr add 198.51.100.1/24 dev up0
ip link set up0 up
ip -n wan addr add 198.51.100.7/24 dev eth0
ip -n wan link set eth0 up
ip -n wan route add default via 198.51.100.1
sysctl -w net.ipv4.ip_forward=1
ip netns exec web python3 -m http.server 80 &
ip netns exec wan curl http://198.51.100.1:8080/
iptables -t nat -A PREROUTING -d 198.51.100.1 -p tcp --dport 8080 -j DNAT --to-destination 10.20.0.2:80
ip netns exec wan curl http://198.51.100.1:8080/
ip netns exec wan curl http://198.51.100.1:8081/
ip netns exec wan ping -c 1 198.51.100.1
# the router's own connections do not pass PREROUTING
curl http://198.51.100.1:8080/
iptables -t nat -A OUTPUT -d 198.51.100.1 -p tcp --dport 8080 -j DNAT --to-destination 10.20.0.2:80
curl http://198.51.100.1:8080/
# hairpin: a LAN client uses the public address
ip netns exec lanpc curl http://198.51.100.1:8080/
sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec lanpc curl http://198.51.100.1:8080/
iptables -t nat -A POSTROUTING -s 10.20.0.0/24 -d 10.20.0.2 -p tcp --dport 80 -j MASQUERADE
ip netns exec lanpc curl http://198.51.100.1:8080/
# DNAT to an address without a server behind it
iptables -t nat -A PREROUTING -d 198.51.100.1 -p tcp --dport 9090 -j DNAT --to-destination 10.20.0.99:80
ip netns exec wan curl http://198.51.100.1:9090/
