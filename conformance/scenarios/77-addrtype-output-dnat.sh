# Docker-style port publishing: nat OUTPUT DNAT for `-m addrtype --dst-type LOCAL`, so the
# host reaches the container through any of its own addresses; `! -d 127.0.0.0/8` leaves
# loopback alone; PREROUTING DNAT with the same match serves other namespaces.
ip netns add ct
ip netns add peer
ip link add br0 type bridge
ip addr add 172.77.0.1/24 dev br0
ip link set br0 up
ip link add vc type veth peer name eth0 netns ct
ip link set vc master br0
ip link set vc up
ip -n ct addr add 172.77.0.2/24 dev eth0
ip -n ct link set eth0 up
ip -n ct route add default via 172.77.0.1
ip link add up0 type veth peer name eth0 netns peer
ip addr add 10.77.0.1/24 dev up0
ip link set up0 up
ip -n peer addr add 10.77.0.2/24 dev eth0
ip -n peer link set eth0 up
ip -n peer route add default via 10.77.0.1
sysctl -w net.ipv4.ip_forward=1
ip netns exec ct python3 -m http.server 80 &
iptables -t nat -N DOCKER
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A DOCKER -p tcp --dport 8080 -j DNAT --to-destination 172.77.0.2:80
iptables -t nat -A POSTROUTING -s 172.77.0.0/24 ! -o br0 -j MASQUERADE
curl http://10.77.0.1:8080/
curl http://172.77.0.1:8080/
curl http://127.0.0.1:8080/
ip netns exec peer curl http://10.77.0.1:8080/
ip netns exec peer curl http://172.77.0.1:8080/
ip netns exec ct curl http://10.77.0.1:8080/
ip netns exec ct curl http://10.77.0.2/
ip netns exec ct ping -c 1 10.77.0.2
iptables -t nat -A OUTPUT -m addrtype --dst-type UNICAST -p tcp --dport 9090 -j DNAT --to-destination 172.77.0.2:80
curl http://10.77.0.2:9090/
curl http://10.77.0.1:9090/
ip netns exec peer curl http://10.77.0.1:9090/
