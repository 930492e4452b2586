# Two user-defined bridge networks and the default one, as Docker builds them: each network's
# FORWARD rules inserted above the older ones, DOCKER-ISOLATION-STAGE-1/2 dropping traffic
# between bridges, DOCKER-USER first in FORWARD, a published port on a user network, and a
# container connected to both networks. Each "# docker …" comment is the command expanded below it.
ip netns add isp
ip link add eth0 type veth peer name up0 netns isp
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n isp addr add 198.51.100.1/24 dev up0
ip -n isp link set up0 up
ip route add default via 198.51.100.1
# docker network create --subnet 10.51.1.0/24 front
sysctl -w net.ipv4.ip_forward=1
iptables -P FORWARD DROP
iptables -N DOCKER
iptables -N DOCKER-ISOLATION-STAGE-1
iptables -N DOCKER-ISOLATION-STAGE-2
iptables -N DOCKER-USER
iptables -t nat -N DOCKER
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
iptables -A DOCKER-ISOLATION-STAGE-1 -j RETURN
iptables -A DOCKER-ISOLATION-STAGE-2 -j RETURN
iptables -A DOCKER-USER -j RETURN
ip link add docker0 type bridge
ip addr add 172.17.0.1/16 dev docker0
ip link set docker0 up
iptables -t nat -I POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
iptables -t nat -I DOCKER -i docker0 -j RETURN
iptables -I FORWARD -i docker0 -o docker0 -j ACCEPT
iptables -I FORWARD -i docker0 ! -o docker0 -j ACCEPT
iptables -I FORWARD -o docker0 -j DOCKER
iptables -I FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A DOCKER ! -i docker0 -o docker0 -j DROP
iptables -I DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
iptables -I DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
iptables -I FORWARD -j DOCKER-ISOLATION-STAGE-1
iptables -I FORWARD -j DOCKER-USER
ip link add br-98da4343e351 type bridge
ip addr add 10.51.1.1/24 dev br-98da4343e351
ip link set br-98da4343e351 up
iptables -t nat -I POSTROUTING -s 10.51.1.0/24 ! -o br-98da4343e351 -j MASQUERADE
iptables -t nat -I DOCKER -i br-98da4343e351 -j RETURN
iptables -I FORWARD -i br-98da4343e351 -o br-98da4343e351 -j ACCEPT
iptables -I FORWARD -i br-98da4343e351 ! -o br-98da4343e351 -j ACCEPT
iptables -I FORWARD -o br-98da4343e351 -j DOCKER
iptables -I FORWARD -o br-98da4343e351 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A DOCKER ! -i br-98da4343e351 -o br-98da4343e351 -j DROP
iptables -I DOCKER-ISOLATION-STAGE-1 -i br-98da4343e351 ! -o br-98da4343e351 -j DOCKER-ISOLATION-STAGE-2
iptables -I DOCKER-ISOLATION-STAGE-2 -o br-98da4343e351 -j DROP
iptables -D FORWARD -j DOCKER-ISOLATION-STAGE-1
iptables -I FORWARD -j DOCKER-ISOLATION-STAGE-1
iptables -D FORWARD -j DOCKER-USER
iptables -I FORWARD -j DOCKER-USER
# docker network create --subnet 10.51.2.0/24 back
ip link add br-48de9c9c93a3 type bridge
ip addr add 10.51.2.1/24 dev br-48de9c9c93a3
ip link set br-48de9c9c93a3 up
iptables -t nat -I POSTROUTING -s 10.51.2.0/24 ! -o br-48de9c9c93a3 -j MASQUERADE
iptables -t nat -I DOCKER -i br-48de9c9c93a3 -j RETURN
iptables -I FORWARD -i br-48de9c9c93a3 -o br-48de9c9c93a3 -j ACCEPT
iptables -I FORWARD -i br-48de9c9c93a3 ! -o br-48de9c9c93a3 -j ACCEPT
iptables -I FORWARD -o br-48de9c9c93a3 -j DOCKER
iptables -I FORWARD -o br-48de9c9c93a3 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A DOCKER ! -i br-48de9c9c93a3 -o br-48de9c9c93a3 -j DROP
iptables -I DOCKER-ISOLATION-STAGE-1 -i br-48de9c9c93a3 ! -o br-48de9c9c93a3 -j DOCKER-ISOLATION-STAGE-2
iptables -I DOCKER-ISOLATION-STAGE-2 -o br-48de9c9c93a3 -j DROP
iptables -D FORWARD -j DOCKER-ISOLATION-STAGE-1
iptables -I FORWARD -j DOCKER-ISOLATION-STAGE-1
iptables -D FORWARD -j DOCKER-USER
iptables -I FORWARD -j DOCKER-USER
# docker run -d --name web --network front -p 8080:80 nginx
ip netns add web
ip link add veth1540941 type veth peer name eth0 netns web
ip link set veth1540941 master br-98da4343e351
ip link set veth1540941 up
ip -n web link set eth0 address 02:42:0a:33:01:02
ip -n web addr add 10.51.1.2/24 dev eth0
ip -n web link set eth0 up
ip -n web link set lo up
ip -n web route add default via 10.51.1.1
iptables -I DOCKER -d 10.51.1.2/32 ! -i br-98da4343e351 -o br-98da4343e351 -p tcp -m tcp --dport 80 -j ACCEPT
iptables -t nat -A POSTROUTING -s 10.51.1.2/32 -d 10.51.1.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
iptables -t nat -A DOCKER ! -i br-98da4343e351 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.51.1.2:80
ip netns exec web python3 -m http.server 80 &
# docker run -d --name app --network back nginx
ip netns add app
ip link add vethf897164 type veth peer name eth0 netns app
ip link set vethf897164 master br-48de9c9c93a3
ip link set vethf897164 up
ip -n app link set eth0 address 02:42:0a:33:02:02
ip -n app addr add 10.51.2.2/24 dev eth0
ip -n app link set eth0 up
ip -n app link set lo up
ip -n app route add default via 10.51.2.1
ip netns exec app python3 -m http.server 80 &
# docker run -d --name peer --network front alpine sleep infinity
ip netns add peer
ip link add veth1147e4f type veth peer name eth0 netns peer
ip link set veth1147e4f master br-98da4343e351
ip link set veth1147e4f up
ip -n peer link set eth0 address 02:42:0a:33:01:03
ip -n peer addr add 10.51.1.3/24 dev eth0
ip -n peer link set eth0 up
ip -n peer link set lo up
ip -n peer route add default via 10.51.1.1
# docker run -d --name legacy alpine sleep infinity
ip netns add legacy
ip link add vethd701493 type veth peer name eth0 netns legacy
ip link set vethd701493 master docker0
ip link set vethd701493 up
ip -n legacy link set eth0 address 02:42:ac:11:00:02
ip -n legacy addr add 172.17.0.2/16 dev eth0
ip -n legacy link set eth0 up
ip -n legacy link set lo up
ip -n legacy route add default via 172.17.0.1
# same network
ip netns exec peer curl http://10.51.1.2/
ip netns exec peer ping -c 1 10.51.1.2
# across networks: isolation
ip netns exec peer ping -c 1 10.51.2.2
ip netns exec peer curl http://10.51.2.2/
ip netns exec legacy ping -c 1 10.51.1.2
ip netns exec app traceroute -n -m 3 10.51.1.3
# another network's gateway is the host's own address: INPUT, not FORWARD
ip netns exec peer ping -c 1 10.51.2.1
# egress from each network
ip netns exec app ping -c 1 198.51.100.1
ip netns exec legacy ping -c 1 198.51.100.1
# the published port: from outside, and from containers (no DNAT for traffic from a Docker bridge)
ip netns exec isp curl http://198.51.100.20:8080/
ip netns exec app curl http://198.51.100.20:8080/
ip netns exec peer curl http://198.51.100.20:8080/
# DOCKER-USER comes first: a rule there overrides Docker's
iptables -I DOCKER-USER -s 198.51.100.1 -j DROP
ip netns exec isp curl http://198.51.100.20:8080/
iptables -D DOCKER-USER -s 198.51.100.1 -j DROP
ip netns exec isp curl http://198.51.100.20:8080/
# a container on both networks reaches both
# docker network connect back peer
ip link add veth28db07b type veth peer name eth1 netns peer
ip link set veth28db07b master br-48de9c9c93a3
ip link set veth28db07b up
ip -n peer link set eth1 address 02:42:0a:33:02:03
ip -n peer addr add 10.51.2.3/24 dev eth1
ip -n peer link set eth1 up
ip netns exec peer ping -c 1 10.51.2.2
ip netns exec peer curl http://10.51.2.2/
ip netns exec app ping -c 1 10.51.2.3
