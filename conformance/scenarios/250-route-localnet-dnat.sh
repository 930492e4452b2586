# route_localnet: 127.0.0.0/8 arriving on a real device is martian (and a DNAT to 127.0.0.1
# leaves the reply nowhere to go) unless the incoming device has route_localnet on; then a
# service bound to 127.0.0.1 answers from outside through DNAT.
ip netns add c
ip netns add s
ip link add eth0 netns c type veth peer name eth0 netns s
ip -n c addr add 10.250.0.2/24 dev eth0
ip -n s addr add 10.250.0.1/24 dev eth0
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n s link set lo up
ip netns exec s python3 -m http.server --bind 127.0.0.1 8080 &
ip netns exec s iptables -t nat -A PREROUTING -p tcp --dport 80 -j DNAT --to-destination 127.0.0.1:8080
ip netns exec c curl http://10.250.0.1/
ip netns exec s sysctl -w net.ipv4.conf.eth0.route_localnet=1
ip netns exec c curl http://10.250.0.1/
ip netns exec s sysctl -w net.ipv4.conf.eth0.route_localnet=0
ip netns exec s sysctl -w net.ipv4.conf.all.route_localnet=1
ip netns exec c curl http://10.250.0.1/
ip netns exec s sysctl -w net.ipv4.conf.all.route_localnet=0
ip -n c route add 127.250.0.0/16 via 10.250.0.1
ip netns exec c ping -c 1 127.250.0.1
ip netns exec s sysctl -w net.ipv4.conf.eth0.route_localnet=1
ip netns exec c ping -c 1 127.250.0.1
ip netns exec c curl http://10.250.0.1:8080/
