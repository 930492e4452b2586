# MASQUERADE picks the source from the outgoing device: the primary address of the
# subnet that holds the next hop, never a secondary one. It ignores the route's `src`
# hint, and since POSTROUTING also sees the router's own packets, it rewrites those too.
ip netns add pc
ip netns add isp
ip link add lan0 type veth peer name eth0 netns pc
ip link add up0 type veth peer name eth0 netns isp
ip addr add 10.21.0.1/24 dev lan0
ip link set lan0 up
ip addr add 203.0.113.1/24 dev up0
ip addr add 203.0.113.2/24 dev up0
ip addr add 198.51.100.1/24 dev up0
ip link set up0 up
ip -n pc addr add 10.21.0.2/24 dev eth0
ip -n pc link set eth0 up
ip -n pc route add default via 10.21.0.1
ip -n isp addr add 203.0.113.10/24 dev eth0
ip -n isp addr add 198.51.100.10/24 dev eth0
ip -n isp addr add 192.0.2.10/32 dev lo
ip -n isp link set eth0 up
ip -n isp link set lo up
ip -n isp route add default via 203.0.113.1
ip netns exec isp python3 -m http.server 80 &
sysctl -w net.ipv4.ip_forward=1
iptables -t nat -A POSTROUTING -o up0 -j MASQUERADE
ip netns exec pc curl http://203.0.113.10/
ip netns exec pc curl http://198.51.100.10/
ip route add 192.0.2.0/24 via 203.0.113.10 src 203.0.113.2
ip netns exec pc curl http://192.0.2.10/
curl http://192.0.2.10/
ip route replace 192.0.2.0/24 via 198.51.100.10 src 203.0.113.2
ip netns exec pc curl http://192.0.2.10/
curl http://192.0.2.10/
ip netns exec pc ping -c 1 192.0.2.10
ip netns exec pc traceroute -n 192.0.2.10
# without MASQUERADE the server sees the private address (its default route leads back
# through the router) and the router's own traffic keeps the route's src
iptables -t nat -F
ip netns exec pc curl http://192.0.2.10/
curl http://192.0.2.10/
curl http://203.0.113.10/
