# --network container:app: a second container joins app's namespace, so its server answers on
# app's address and app's published port, and app reaches it on 127.0.0.1.
# Each "# docker …" comment is the command expanded below it.
ip netns add isp
ip link add eth0 type veth peer name up0 netns isp
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n isp addr add 198.51.100.1/24 dev up0
ip -n isp link set up0 up
ip route add default via 198.51.100.1
# docker run -d --name app -p 8080:80 alpine sleep infinity
sysctl -w net.ipv4.ip_forward=1
iptables -P FORWARD DROP
iptables -t nat -N DOCKER
iptables -N DOCKER
iptables -N DOCKER-FORWARD
iptables -N DOCKER-BRIDGE
iptables -N DOCKER-CT
iptables -N DOCKER-INTERNAL
iptables -N DOCKER-USER
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
iptables -I FORWARD -j DOCKER-FORWARD
iptables -I DOCKER-FORWARD -j DOCKER-BRIDGE
iptables -I DOCKER-FORWARD -j DOCKER-INTERNAL
iptables -I DOCKER-FORWARD -j DOCKER-CT
ip link add docker0 type bridge
ip addr add 172.17.0.1/16 dev docker0
ip link set docker0 up
iptables -t nat -I POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
iptables -A DOCKER-FORWARD -i docker0 -j ACCEPT
iptables -A DOCKER ! -i docker0 -o docker0 -j DROP
iptables -A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A DOCKER-BRIDGE -o docker0 -j DOCKER
iptables -I FORWARD -j DOCKER-USER
ip netns add app
ip link add vethd2c1ffe type veth peer name eth0 netns app
ip link set vethd2c1ffe master docker0
ip link set vethd2c1ffe up
ip -n app link set eth0 address 32:d0:3d:6b:8d:df
ip -n app addr add 172.17.0.2/16 dev eth0
ip -n app link set eth0 up
ip -n app link set lo up
ip -n app route add default via 172.17.0.1
iptables -t raw -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP
iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
iptables -I DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
# docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 172.17.0.2 -container-port 80
# docker run -d --name client alpine sleep infinity
ip netns add client
ip link add vethc6e258a type veth peer name eth0 netns client
ip link set vethc6e258a master docker0
ip link set vethc6e258a up
ip -n client link set eth0 address de:09:12:76:10:41
ip -n client addr add 172.17.0.3/16 dev eth0
ip -n client link set eth0 up
ip -n client link set lo up
ip -n client route add default via 172.17.0.1
iptables -t raw -A PREROUTING -d 172.17.0.3/32 ! -i docker0 -j DROP
ip netns exec client curl http://172.17.0.2/
ip netns exec isp curl http://198.51.100.20:8080/
# docker run -d --name sidecar --network container:app nginx
ip netns exec app python3 -m http.server 80 &
ip netns exec client curl http://172.17.0.2/
ip netns exec isp curl http://198.51.100.20:8080/
ip netns exec app curl http://127.0.0.1/
ip netns exec app ping -c 1 172.17.0.3
