# The raw table: PREROUTING and OUTPUT run before conntrack and before nat's DNAT.
# A raw PREROUTING DROP for a bridged address (as Docker 28+ writes one per published
# container) stops packets routed to that address from outside, sees the destination as
# it was before DNAT (so a DNAT'd port still works), and drops replies to the bridge's own
# outbound traffic until MASQUERADE makes their destination the router's address.
ip netns add c1
ip netns add out
ip link add br0 type bridge
ip addr add 192.0.2.1/24 dev br0
ip link set br0 up
ip link add v1 type veth peer name eth0 netns c1
ip link set v1 master br0
ip link set v1 up
ip -n c1 addr add 192.0.2.2/24 dev eth0
ip -n c1 link set eth0 up
ip -n c1 link set lo up
ip -n c1 route add default via 192.0.2.1
ip link add v2 type veth peer name eth0 netns out
ip addr add 198.51.100.1/24 dev v2
ip link set v2 up
ip -n out addr add 198.51.100.2/24 dev eth0
ip -n out link set eth0 up
ip -n out link set lo up
ip -n out route add default via 198.51.100.1
sysctl -w net.ipv4.ip_forward=1
ip netns exec c1 python3 -m http.server 80 &
iptables -t nat -A PREROUTING -d 198.51.100.1/32 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 192.0.2.2:80
# before any raw rule: routed and DNAT'd both reach the container
ip netns exec out curl http://192.0.2.2:80/
ip netns exec out curl http://198.51.100.1:8080/
ip netns exec out ping -c 1 192.0.2.2
ip netns exec c1 ping -c 1 198.51.100.2
iptables -t raw -A PREROUTING -d 192.0.2.2/32 ! -i br0 -j DROP
# routed straight to the container: dropped before conntrack
ip netns exec out curl http://192.0.2.2:80/
ip netns exec out ping -c 1 192.0.2.2
# the published port: raw saw 198.51.100.1, DNAT ran after it
ip netns exec out curl http://198.51.100.1:8080/
# the host itself, through br0: not from outside
ping -c 1 192.0.2.2
curl http://192.0.2.2:80/
# the container's own traffic out: the reply comes back to 192.0.2.2 on v2 and dies
ip netns exec c1 ping -c 1 198.51.100.2
iptables -t nat -A POSTROUTING -s 192.0.2.0/24 ! -o br0 -j MASQUERADE
# masqueraded: the reply is for 198.51.100.1 when raw sees it
ip netns exec c1 ping -c 1 198.51.100.2
# raw OUTPUT: locally made packets, before conntrack
iptables -t raw -A OUTPUT -d 192.0.2.2/32 -p tcp -m tcp --dport 80 -j DROP
curl http://192.0.2.2:80/
ping -c 1 192.0.2.2
iptables -t raw -D OUTPUT 1
curl http://192.0.2.2:80/
