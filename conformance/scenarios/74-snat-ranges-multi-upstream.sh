# SNAT to an address range picks one address per (source, destination) pair by hash;
# MASQUERADE with two upstream links picks each link's own address; a port range on SNAT
# does not change the address the server sees.
ip netns add lan
ip netns add isp1
ip netns add isp2
ip link add l0 type veth peer name eth0 netns lan
ip link add u1 type veth peer name eth0 netns isp1
ip link add u2 type veth peer name eth0 netns isp2
ip addr add 10.74.0.1/24 dev l0
ip addr add 203.0.113.1/24 dev u1
ip addr add 203.0.113.5/24 dev u1
ip addr add 203.0.113.6/24 dev u1
ip addr add 203.0.113.7/24 dev u1
ip addr add 198.51.100.1/24 dev u2
ip link set l0 up
ip link set u1 up
ip link set u2 up
ip -n lan addr add 10.74.0.2/24 dev eth0
ip -n lan addr add 10.74.0.3/24 dev eth0
ip -n lan link set eth0 up
ip -n lan route add default via 10.74.0.1
ip -n isp1 addr add 203.0.113.10/24 dev eth0
ip -n isp1 addr add 203.0.113.11/24 dev eth0
ip -n isp1 addr add 203.0.113.12/24 dev eth0
ip -n isp1 addr add 203.0.113.13/24 dev eth0
ip -n isp1 addr add 203.0.113.14/24 dev eth0
ip -n isp1 link set eth0 up
ip -n isp2 addr add 198.51.100.10/24 dev eth0
ip -n isp2 link set eth0 up
ip netns exec isp1 python3 -m http.server 80 &
ip netns exec isp2 python3 -m http.server 80 &
sysctl -w net.ipv4.ip_forward=1
iptables -t nat -A POSTROUTING -o u2 -j MASQUERADE
iptables -t nat -A POSTROUTING -o u1 -p tcp -j SNAT --to-source 203.0.113.5-203.0.113.7:2000-2100
iptables -t nat -A POSTROUTING -o u1 -j SNAT --to-source 203.0.113.5-203.0.113.7
ip netns exec lan curl http://203.0.113.10/
ip netns exec lan curl http://203.0.113.11/
ip netns exec lan curl http://203.0.113.12/
ip netns exec lan curl http://203.0.113.13/
ip netns exec lan curl http://203.0.113.14/
ip netns exec lan curl http://198.51.100.10/
ip netns exec lan ping -c 1 203.0.113.10
ip netns exec lan ping -c 1 198.51.100.10
iptables -t nat -F POSTROUTING
iptables -t nat -A POSTROUTING -s 10.74.0.3 -o u1 -j SNAT --to-source 203.0.113.6
iptables -t nat -A POSTROUTING -o u+ -j MASQUERADE
ip netns exec lan curl http://203.0.113.10/
ip netns exec lan curl http://198.51.100.10/
ip route add 192.0.2.0/24 via 198.51.100.10
ip -n isp2 addr add 192.0.2.1/32 dev lo
ip -n isp2 link set lo up
ip netns exec isp2 python3 -m http.server --bind 192.0.2.1 8080 &
ip netns exec lan curl http://192.0.2.1:8080/
ip netns exec lan ping -c 1 192.0.2.1
# DNAT to a range: one backend per client and server pair, by the same hash
iptables -t nat -A PREROUTING -i u1 -p tcp --dport 8080 -j DNAT --to-destination 10.74.0.2-10.74.0.3:8000
ip netns exec lan python3 -m http.server 8000 &
ip netns exec isp1 curl http://203.0.113.1:8080/
ip netns exec isp1 curl http://203.0.113.5:8080/
