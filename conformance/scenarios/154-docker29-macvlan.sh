# A macvlan network on the host's eth0 (bridge mode): containers get their own MACs and
# addresses on the LAN, no NAT and no Docker iptables rules. The host cannot reach its own
# macvlan containers (nor they the host) until it gets a macvlan of its own on the same parent.
# "lan" plays the LAN's router. Each "# docker …" comment is the command expanded below it.
ip netns add lan
ip link add eth0 type veth peer name lan0 netns lan
ip addr add 192.168.54.254/24 dev eth0
ip link set eth0 up
ip -n lan addr add 192.168.54.1/24 dev lan0
ip -n lan link set lan0 up
ip -n lan link set lo up
# docker network create -d macvlan --subnet 192.168.54.0/24 --gateway 192.168.54.1 -o parent=eth0 lan54
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
# docker run -d --name web --network lan54 nginx
ip netns add web
ip link add macv71a21e9 link eth0 type macvlan mode bridge
ip link set macv71a21e9 netns web
ip -n web link set macv71a21e9 name eth0
ip -n web link set eth0 address 46:8a:de:9c:cb:16
ip -n web addr add 192.168.54.2/24 dev eth0
ip -n web link set eth0 up
ip -n web link set lo up
ip -n web route add default via 192.168.54.1
ip netns exec web iptables -t nat -N DOCKER_OUTPUT
ip netns exec web iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec web iptables -t nat -N DOCKER_POSTROUTING
ip netns exec web iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec web iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:55379
ip netns exec web iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 55379 -j SNAT --to-source :53
ip netns exec web iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:40490
ip netns exec web iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 40490 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in web on 127.0.0.11:55379/udp and 127.0.0.11:40490/tcp
ip netns exec web python3 -m http.server 80 &
# docker run -d --name box --network lan54 --ip 192.168.54.50 alpine sleep infinity
ip netns add box
ip link add macv40d1321 link eth0 type macvlan mode bridge
ip link set macv40d1321 netns box
ip -n box link set macv40d1321 name eth0
ip -n box link set eth0 address 1a:1e:85:30:33:38
ip -n box addr add 192.168.54.50/24 dev eth0
ip -n box link set eth0 up
ip -n box link set lo up
ip -n box route add default via 192.168.54.1
ip netns exec box iptables -t nat -N DOCKER_OUTPUT
ip netns exec box iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec box iptables -t nat -N DOCKER_POSTROUTING
ip netns exec box iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec box iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:51361
ip netns exec box iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 51361 -j SNAT --to-source :53
ip netns exec box iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:46878
ip netns exec box iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 46878 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in box on 127.0.0.11:51361/udp and 127.0.0.11:46878/tcp
ip netns exec lan python3 -m http.server 8000 &
# the LAN and sibling containers reach the container directly
ip netns exec lan ping -c 1 192.168.54.2
ip netns exec lan curl http://192.168.54.2/
ip netns exec box curl http://192.168.54.2/
ip netns exec box ping -c 1 192.168.54.1
# no NAT: the LAN sees the container's own address
ip netns exec box curl http://192.168.54.1:8000/
# the host and its macvlan containers do not meet
ping -c 1 192.168.54.2
ip netns exec box ping -c 1 192.168.54.254
ip netns exec lan ping -c 1 192.168.54.254
curl http://192.168.54.2/
# the fix: the host gets a macvlan of its own on the same parent
ip link add mv-host link eth0 type macvlan mode bridge
ip addr add 192.168.54.253/32 dev mv-host
ip link set mv-host up
ip route add 192.168.54.2/32 dev mv-host
ping -c 1 192.168.54.2
ip netns exec lan ping -c 1 192.168.54.50
curl http://192.168.54.2/
