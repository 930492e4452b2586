# A NAT gateway with two uplinks and a LAN behind a switch in another namespace: one
# MASQUERADE rule serves both uplinks (the route picks the address), a DNAT port forward
# bound to one public address, hairpin NAT from the LAN (the server answers directly and
# the client drops it; the redirect the gateway sends sticks), a hairpin MASQUERADE, and
# failover to the second uplink when the first goes down.
ip netns add t
ip netns add r1
ip netns add r2
ip netns add gw
ip netns add sw
ip netns add c
ip netns add c2
ip netns add srv
ip link add e netns r1 type veth peer name x1 netns t
ip link add e netns r2 type veth peer name x2 netns t
ip link add isp1 netns gw type veth peer name eth0 netns r1
ip link add isp2 netns gw type veth peer name eth0 netns r2
ip link add lan netns gw type veth peer name pg netns sw
ip link add eth0 netns c type veth peer name pc netns sw
ip link add eth0 netns c2 type veth peer name pc2 netns sw
ip link add eth0 netns srv type veth peer name ps netns sw
ip -n sw link add br0 type bridge
ip -n sw link set pg master br0
ip -n sw link set pc master br0
ip -n sw link set pc2 master br0
ip -n sw link set ps master br0
ip -n sw link set br0 up
ip -n sw link set pg up
ip -n sw link set pc up
ip -n sw link set pc2 up
ip -n sw link set ps up
ip -n t addr add 10.96.101.2/24 dev x1
ip -n t addr add 10.96.102.2/24 dev x2
ip -n t addr add 192.0.2.10/32 dev lo
ip -n t addr add 192.0.2.20/32 dev lo
ip -n r1 addr add 10.96.101.1/24 dev e
ip -n r1 addr add 198.51.100.1/24 dev eth0
ip -n r2 addr add 10.96.102.1/24 dev e
ip -n r2 addr add 203.0.113.1/24 dev eth0
ip -n gw addr add 198.51.100.2/24 dev isp1
ip -n gw addr add 203.0.113.2/24 dev isp2
ip -n gw addr add 10.96.0.1/24 dev lan
ip -n c addr add 10.96.0.2/24 dev eth0
ip -n c2 addr add 10.96.0.4/24 dev eth0
ip -n srv addr add 10.96.0.3/24 dev eth0
ip -n t link set lo up
ip -n t link set x1 up
ip -n t link set x2 up
ip -n r1 link set e up
ip -n r1 link set eth0 up
ip -n r2 link set e up
ip -n r2 link set eth0 up
ip -n gw link set isp1 up
ip -n gw link set isp2 up
ip -n gw link set lan up
ip -n c link set eth0 up
ip -n c2 link set eth0 up
ip -n srv link set eth0 up
ip -n t route add 198.51.100.0/24 via 10.96.101.1
ip -n t route add 203.0.113.0/24 via 10.96.102.1
ip -n r1 route add default via 10.96.101.2
ip -n r2 route add default via 10.96.102.2
ip -n gw route add default via 198.51.100.1 metric 10
ip -n gw route add default via 203.0.113.1 metric 20
ip -n gw route add 192.0.2.20/32 via 203.0.113.1
ip -n c route add default via 10.96.0.1
ip -n c2 route add default via 10.96.0.1
ip -n srv route add default via 10.96.0.1
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec gw sysctl -w net.ipv4.ip_forward=1
ip netns exec t python3 -m http.server 80 &
ip netns exec srv python3 -m http.server 80 &
ip netns exec gw iptables -t nat -A POSTROUTING -s 10.96.0.0/24 ! -o lan -j MASQUERADE
ip netns exec gw iptables -t nat -A PREROUTING -d 198.51.100.2 -p tcp --dport 8080 -j DNAT --to-destination 10.96.0.3:80
ip netns exec c curl http://192.0.2.10/
ip netns exec c curl http://192.0.2.20/
ip netns exec c traceroute -n 192.0.2.20
ip netns exec t curl http://198.51.100.2:8080/
ip netns exec t curl http://203.0.113.2:8080/
ip netns exec c curl http://198.51.100.2:8080/
ip netns exec gw sysctl -w net.ipv4.conf.all.send_redirects=0
ip netns exec gw sysctl -w net.ipv4.conf.lan.send_redirects=0
ip netns exec c2 curl http://198.51.100.2:8080/
ip netns exec gw iptables -t nat -A POSTROUTING -s 10.96.0.0/24 -d 10.96.0.3 -p tcp --dport 80 -j MASQUERADE
ip netns exec c2 curl http://198.51.100.2:8080/
ip netns exec c2 ping -c 1 198.51.100.2
ip netns exec c curl http://198.51.100.2:8080/
ip netns exec c ping -c 1 198.51.100.2
ip -n gw link set isp1 down
ip netns exec c curl http://192.0.2.10/
ip netns exec c ping -c 1 192.0.2.10
ip netns exec t curl http://198.51.100.2:8080/
ip -n gw link set isp1 up
ip netns exec c curl http://192.0.2.10/
ip netns exec c2 traceroute -n 192.0.2.10
