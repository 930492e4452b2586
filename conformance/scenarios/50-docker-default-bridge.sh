# Docker's default bridge, spelled out by netlab's docker command: the daemon's first start
# (ip_forward, FORWARD policy DROP, the DOCKER chains, docker0 172.17.0.1/16), then
# `docker run -d --name web -p 8080:80 nginx` and `docker run -d --name client alpine sleep infinity`:
# a namespace and a veth pair per container, MASQUERADE for egress, one DNAT per published
# port. "isp" plays the outside world. Each "# docker …" comment is the command expanded below it.
ip netns add isp
ip link add eth0 type veth peer name up0 netns isp
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n isp addr add 198.51.100.1/24 dev up0
ip -n isp link set up0 up
ip route add default via 198.51.100.1
# docker run -d --name web -p 8080:80 nginx
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
ip netns add web
ip link add veth4da297f type veth peer name eth0 netns web
ip link set veth4da297f master docker0
ip link set veth4da297f up
ip -n web link set eth0 address 02:42:ac:11:00:02
ip -n web addr add 172.17.0.2/16 dev eth0
ip -n web link set eth0 up
ip -n web link set lo up
ip -n web route add default via 172.17.0.1
iptables -I DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT
iptables -t nat -A POSTROUTING -s 172.17.0.2/32 -d 172.17.0.2/32 -p tcp -m tcp --dport 80 -j MASQUERADE
iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
ip netns exec web python3 -m http.server 80 &
# docker run -d --name client alpine sleep infinity
ip netns add client
ip link add vethc6e258a type veth peer name eth0 netns client
ip link set vethc6e258a master docker0
ip link set vethc6e258a up
ip -n client link set eth0 address 02:42:ac:11:00:03
ip -n client addr add 172.17.0.3/16 dev eth0
ip -n client link set eth0 up
ip -n client link set lo up
ip -n client route add default via 172.17.0.1
# container to container on docker0
ip netns exec client ping -c 1 172.17.0.2
ip netns exec client curl http://172.17.0.2/
# egress: MASQUERADE behind the host's address
ip netns exec client ping -c 1 198.51.100.1
ip netns exec client traceroute -n 198.51.100.1
# the published port from outside: DNAT, and the server sees the real client
ip netns exec isp curl http://198.51.100.20:8080/
ip netns exec isp curl http://198.51.100.20:8081/
# the container's own address from outside: DOCKER's DROP rule
ip -n isp route add 172.17.0.0/16 via 198.51.100.20
ip netns exec isp curl http://172.17.0.2/
ip netns exec isp ping -c 1 172.17.0.2
# from the host: OUTPUT's DNAT for the host's address; 127.0.0.1 is docker-proxy's (absent here)
curl http://198.51.100.20:8080/
curl http://127.0.0.1:8080/
curl http://172.17.0.2/
# from a container to the published port: traffic from docker0 skips the DNAT
ip netns exec client curl http://198.51.100.20:8080/
# the gateway is the host
ip netns exec client ping -c 1 172.17.0.1
ip netns exec web ping -c 1 198.51.100.20
