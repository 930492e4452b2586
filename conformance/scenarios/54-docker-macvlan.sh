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
# docker run -d --name web --network lan54 nginx
ip netns add web
ip link add macv71a21e9 link eth0 type macvlan mode bridge
ip link set macv71a21e9 netns web
ip -n web link set macv71a21e9 name eth0
ip -n web link set eth0 address 02:42:c0:a8:36:02
ip -n web addr add 192.168.54.2/24 dev eth0
ip -n web link set eth0 up
ip -n web link set lo up
ip -n web route add default via 192.168.54.1
ip netns exec web python3 -m http.server 80 &
# docker run -d --name box --network lan54 --ip 192.168.54.50 alpine sleep infinity
ip netns add box
ip link add macv40d1321 link eth0 type macvlan mode bridge
ip link set macv40d1321 netns box
ip -n box link set macv40d1321 name eth0
ip -n box link set eth0 address 02:42:c0:a8:36:32
ip -n box addr add 192.168.54.50/24 dev eth0
ip -n box link set eth0 up
ip -n box link set lo up
ip -n box route add default via 192.168.54.1
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
