# Two user-defined bridge networks and the default one, as Docker 29 builds them: each network's
# rules appended to DOCKER-FORWARD, DOCKER-CT, DOCKER-BRIDGE and DOCKER, no traffic between
# bridges but to published ports, DOCKER-USER first in FORWARD, a published port on a user
# network, and a container connected to both networks. Each "# docker …" comment is the command expanded below it.
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
ip link add br-98da4343e351 type bridge
ip addr add 10.51.1.1/24 dev br-98da4343e351
ip link set br-98da4343e351 up
iptables -t nat -I POSTROUTING -s 10.51.1.0/24 ! -o br-98da4343e351 -j MASQUERADE
iptables -A DOCKER-FORWARD -i br-98da4343e351 -j ACCEPT
iptables -A DOCKER ! -i br-98da4343e351 -o br-98da4343e351 -j DROP
iptables -A DOCKER-CT -o br-98da4343e351 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A DOCKER-BRIDGE -o br-98da4343e351 -j DOCKER
iptables -D FORWARD -j DOCKER-USER
iptables -I FORWARD -j DOCKER-USER
# docker network create --subnet 10.51.2.0/24 back
ip link add br-48de9c9c93a3 type bridge
ip addr add 10.51.2.1/24 dev br-48de9c9c93a3
ip link set br-48de9c9c93a3 up
iptables -t nat -I POSTROUTING -s 10.51.2.0/24 ! -o br-48de9c9c93a3 -j MASQUERADE
iptables -A DOCKER-FORWARD -i br-48de9c9c93a3 -j ACCEPT
iptables -A DOCKER ! -i br-48de9c9c93a3 -o br-48de9c9c93a3 -j DROP
iptables -A DOCKER-CT -o br-48de9c9c93a3 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A DOCKER-BRIDGE -o br-48de9c9c93a3 -j DOCKER
iptables -D FORWARD -j DOCKER-USER
iptables -I FORWARD -j DOCKER-USER
# docker run -d --name web --network front -p 8080:80 nginx
ip netns add web
ip link add veth1540941 type veth peer name eth0 netns web
ip link set veth1540941 master br-98da4343e351
ip link set veth1540941 up
ip -n web link set eth0 address 82:ff:3a:36:31:64
ip -n web addr add 10.51.1.2/24 dev eth0
ip -n web link set eth0 up
ip -n web link set lo up
ip -n web route add default via 10.51.1.1
iptables -t raw -A PREROUTING -d 10.51.1.2/32 ! -i br-98da4343e351 -j DROP
ip netns exec web iptables -t nat -N DOCKER_OUTPUT
ip netns exec web iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec web iptables -t nat -N DOCKER_POSTROUTING
ip netns exec web iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec web iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:58378
ip netns exec web iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 58378 -j SNAT --to-source :53
ip netns exec web iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:35355
ip netns exec web iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 35355 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in web on 127.0.0.11:58378/udp and 127.0.0.11:35355/tcp
iptables -t nat -A DOCKER ! -i br-98da4343e351 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 10.51.1.2:80
iptables -I DOCKER -d 10.51.1.2/32 ! -i br-98da4343e351 -o br-98da4343e351 -p tcp -m tcp --dport 80 -j ACCEPT
# docker-proxy -proto tcp -host-ip 0.0.0.0 -host-port 8080 -container-ip 10.51.1.2 -container-port 80
ip netns exec web python3 -m http.server 80 &
# docker run -d --name app --network back nginx
ip netns add app
ip link add vethf897164 type veth peer name eth0 netns app
ip link set vethf897164 master br-48de9c9c93a3
ip link set vethf897164 up
ip -n app link set eth0 address ee:28:a3:83:d9:aa
ip -n app addr add 10.51.2.2/24 dev eth0
ip -n app link set eth0 up
ip -n app link set lo up
ip -n app route add default via 10.51.2.1
iptables -t raw -A PREROUTING -d 10.51.2.2/32 ! -i br-48de9c9c93a3 -j DROP
ip netns exec app iptables -t nat -N DOCKER_OUTPUT
ip netns exec app iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec app iptables -t nat -N DOCKER_POSTROUTING
ip netns exec app iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec app iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:52991
ip netns exec app iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 52991 -j SNAT --to-source :53
ip netns exec app iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:36402
ip netns exec app iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 36402 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in app on 127.0.0.11:52991/udp and 127.0.0.11:36402/tcp
ip netns exec app python3 -m http.server 80 &
# docker run -d --name peer --network front alpine sleep infinity
ip netns add peer
ip link add veth1147e4f type veth peer name eth0 netns peer
ip link set veth1147e4f master br-98da4343e351
ip link set veth1147e4f up
ip -n peer link set eth0 address 56:8d:17:92:f8:54
ip -n peer addr add 10.51.1.3/24 dev eth0
ip -n peer link set eth0 up
ip -n peer link set lo up
ip -n peer route add default via 10.51.1.1
iptables -t raw -A PREROUTING -d 10.51.1.3/32 ! -i br-98da4343e351 -j DROP
ip netns exec peer iptables -t nat -N DOCKER_OUTPUT
ip netns exec peer iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec peer iptables -t nat -N DOCKER_POSTROUTING
ip netns exec peer iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec peer iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:41429
ip netns exec peer iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 41429 -j SNAT --to-source :53
ip netns exec peer iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:58451
ip netns exec peer iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 58451 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in peer on 127.0.0.11:41429/udp and 127.0.0.11:58451/tcp
# docker run -d --name legacy alpine sleep infinity
ip netns add legacy
ip link add vethd701493 type veth peer name eth0 netns legacy
ip link set vethd701493 master docker0
ip link set vethd701493 up
ip -n legacy link set eth0 address 42:a7:a1:b7:f6:14
ip -n legacy addr add 172.17.0.2/16 dev eth0
ip -n legacy link set eth0 up
ip -n legacy link set lo up
ip -n legacy route add default via 172.17.0.1
iptables -t raw -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP
# same network
ip netns exec peer curl http://10.51.1.2/
ip netns exec peer ping -c 1 10.51.1.2
# across networks: DOCKER's DROP, and the raw table for another network's container addresses
ip netns exec peer ping -c 1 10.51.2.2
ip netns exec peer curl http://10.51.2.2/
ip netns exec legacy ping -c 1 10.51.1.2
ip netns exec app traceroute -n -m 3 10.51.1.3
# another network's gateway is the host's own address: INPUT, not FORWARD
ip netns exec peer ping -c 1 10.51.2.1
# egress from each network
ip netns exec app ping -c 1 198.51.100.1
ip netns exec legacy ping -c 1 198.51.100.1
# the published port: from outside, from another network (DNAT) and from its own (no DNAT)
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
ip -n peer route del default
ip link add veth28db07b type veth peer name eth1 netns peer
ip link set veth28db07b master br-48de9c9c93a3
ip link set veth28db07b up
ip -n peer link set eth1 address 82:98:b1:b6:ab:5c
ip -n peer addr add 10.51.2.3/24 dev eth1
ip -n peer link set eth1 up
ip -n peer route add default via 10.51.2.1
iptables -t raw -A PREROUTING -d 10.51.2.3/32 ! -i br-48de9c9c93a3 -j DROP
ip netns exec peer ping -c 1 10.51.2.2
ip netns exec peer curl http://10.51.2.2/
ip netns exec app ping -c 1 10.51.2.3
