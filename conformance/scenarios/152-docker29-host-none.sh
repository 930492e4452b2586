# --network host runs the container's server in the host's namespace: no veth, no NAT;
# --network none gives a namespace with only lo. A bridged container next to them reaches
# the host-mode server through its gateway. Each "# docker …" comment is the command expanded below it.
ip netns add isp
ip link add eth0 type veth peer name up0 netns isp
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n isp addr add 198.51.100.1/24 dev up0
ip -n isp link set up0 up
ip route add default via 198.51.100.1
# docker run -d --name hostweb --network host nginx
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
python3 -m http.server 80 &
# docker run -d --name sealed --network none alpine sleep infinity
ip netns add sealed
ip -n sealed link set lo up
# docker run -d --name client alpine sleep infinity
ip netns add client
ip link add vethcdb421c type veth peer name eth0 netns client
ip link set vethcdb421c master docker0
ip link set vethcdb421c up
ip -n client link set eth0 address 12:54:40:92:82:ec
ip -n client addr add 172.17.0.2/16 dev eth0
ip -n client link set eth0 up
ip -n client link set lo up
ip -n client route add default via 172.17.0.1
iptables -t raw -A PREROUTING -d 172.17.0.2/32 ! -i docker0 -j DROP
# the host-mode server is the host's own port 80
ip netns exec isp curl http://198.51.100.20/
curl http://127.0.0.1/
ip netns exec client curl http://172.17.0.1/
ip netns exec client curl http://198.51.100.20/
# none: loopback only
ip netns exec sealed ping -c 1 127.0.0.1
ip netns exec sealed ping -c 1 198.51.100.1
ip netns exec sealed curl http://172.17.0.1/
ip netns exec client ping -c 1 198.51.100.1
