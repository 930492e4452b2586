# A web server published by DNAT on an edge router and reached from a client two routers
# away; the server sees the client's own address (no SNAT), its reply is un-DNATed on the
# way back; a second DNAT to a port nothing listens on is refused; DNAT rules added after a
# first connection apply to the next one.
ip netns add c
ip netns add r1
ip netns add edge
ip netns add web
ip link add eth0 netns c type veth peer name w netns r1
ip link add e netns r1 type veth peer name w netns edge
ip link add e netns edge type veth peer name eth0 netns web
ip -n c addr add 10.86.0.2/24 dev eth0
ip -n r1 addr add 10.86.0.1/24 dev w
ip -n r1 addr add 100.64.86.1/24 dev e
ip -n edge addr add 100.64.86.2/24 dev w
ip -n edge addr add 192.168.86.1/24 dev e
ip -n web addr add 192.168.86.10/24 dev eth0
ip -n c link set eth0 up
ip -n r1 link set w up
ip -n r1 link set e up
ip -n edge link set w up
ip -n edge link set e up
ip -n web link set eth0 up
ip -n c route add default via 10.86.0.1
ip -n r1 route add default via 100.64.86.2
ip -n edge route add 10.86.0.0/24 via 100.64.86.1
ip -n web route add default via 192.168.86.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec edge sysctl -w net.ipv4.ip_forward=1
ip netns exec web python3 -m http.server 8000 &
ip netns exec edge iptables -t nat -A PREROUTING -i w -p tcp --dport 80 -j DNAT --to-destination 192.168.86.10:8000
ip netns exec c curl http://100.64.86.2/
ip netns exec c curl http://100.64.86.2:8000/
ip netns exec c ping -c 1 100.64.86.2
ip netns exec c traceroute -n 100.64.86.2
ip netns exec r1 curl http://100.64.86.2/
ip netns exec edge curl http://100.64.86.2/
ip netns exec edge iptables -t nat -A PREROUTING -i w -p tcp --dport 81 -j DNAT --to-destination 192.168.86.10:8001
ip netns exec c curl http://100.64.86.2:81/
ip netns exec edge iptables -t nat -A PREROUTING -i w -p tcp --dport 82 -j DNAT --to-destination 192.168.86.99:8000
ip netns exec c curl http://100.64.86.2:82/
ip netns exec edge iptables -A FORWARD -i w -o e -p tcp --dport 8000 -m conntrack --ctstate DNAT -j ACCEPT
ip netns exec edge iptables -A FORWARD -i w -o e -j DROP
ip netns exec c curl http://100.64.86.2/
ip netns exec c curl http://192.168.86.10:8000/
ip netns exec edge iptables -t nat -I PREROUTING 1 -s 10.86.0.2 -p tcp --dport 80 -j DNAT --to-destination 192.168.86.10:8001
ip netns exec c curl http://100.64.86.2/
ip netns exec r1 curl http://100.64.86.2/
