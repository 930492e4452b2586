# Two Docker-style bridge networks on one host, isolated the way Docker does it: user
# chains DOCKER-ISOLATION-STAGE-1/2 drop traffic from one bridge to the other, while both
# reach the outside through MASQUERADE and published ports work from outside.
ip netns add isp
ip link add eth0 type veth peer name up0 netns isp
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n isp addr add 198.51.100.1/24 dev up0
ip -n isp link set up0 up
ip route add default via 198.51.100.1
sysctl -w net.ipv4.ip_forward=1
ip link add docker0 type bridge
ip link add br-app type bridge
ip addr add 172.17.0.1/16 dev docker0
ip addr add 172.18.0.1/16 dev br-app
ip link set docker0 up
ip link set br-app up
ip netns add c1
ip netns add c2
ip netns add c3
ip link add veth1 type veth peer name eth0 netns c1
ip link add veth2 type veth peer name eth0 netns c2
ip link add veth3 type veth peer name eth0 netns c3
ip link set veth1 master docker0
ip link set veth2 master docker0
ip link set veth3 master br-app
ip link set veth1 up
ip link set veth2 up
ip link set veth3 up
ip -n c1 addr add 172.17.0.2/16 dev eth0
ip -n c2 addr add 172.17.0.3/16 dev eth0
ip -n c3 addr add 172.18.0.2/16 dev eth0
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n c3 link set eth0 up
ip -n c1 route add default via 172.17.0.1
ip -n c2 route add default via 172.17.0.1
ip -n c3 route add default via 172.18.0.1
ip netns exec c3 python3 -m http.server 80 &
iptables -P FORWARD DROP
iptables -N DOCKER
iptables -N DOCKER-ISOLATION-STAGE-1
iptables -N DOCKER-ISOLATION-STAGE-2
iptables -A FORWARD -j DOCKER-ISOLATION-STAGE-1
iptables -A FORWARD -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A FORWARD -o docker0 -j DOCKER
iptables -A FORWARD -i docker0 ! -o docker0 -j ACCEPT
iptables -A FORWARD -i docker0 -o docker0 -j ACCEPT
iptables -A FORWARD -o br-app -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -A FORWARD -o br-app -j DOCKER
iptables -A FORWARD -i br-app ! -o br-app -j ACCEPT
iptables -A FORWARD -i br-app -o br-app -j ACCEPT
iptables -A DOCKER-ISOLATION-STAGE-1 -i docker0 ! -o docker0 -j DOCKER-ISOLATION-STAGE-2
iptables -A DOCKER-ISOLATION-STAGE-1 -i br-app ! -o br-app -j DOCKER-ISOLATION-STAGE-2
iptables -A DOCKER-ISOLATION-STAGE-1 -j RETURN
iptables -A DOCKER-ISOLATION-STAGE-2 -o docker0 -j DROP
iptables -A DOCKER-ISOLATION-STAGE-2 -o br-app -j DROP
iptables -A DOCKER-ISOLATION-STAGE-2 -j RETURN
iptables -t nat -N DOCKER
iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
iptables -t nat -A POSTROUTING -s 172.18.0.0/16 ! -o br-app -j MASQUERADE
ip netns exec c1 ping -c 1 172.17.0.3
ip netns exec c1 ping -c 1 172.18.0.2
ip netns exec c1 curl http://172.18.0.2/
ip netns exec c3 ping -c 1 172.17.0.2
ip netns exec c1 ping -c 1 198.51.100.1
ip netns exec c3 ping -c 1 198.51.100.1
ip netns exec c1 traceroute -n 198.51.100.1
# the gateway address of the other network is the host's own: INPUT, not FORWARD
ip netns exec c1 ping -c 1 172.18.0.1
# publish port 80 of c3 as 8080 on the host
iptables -t nat -A DOCKER ! -i br-app -p tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:80
iptables -A DOCKER -d 172.18.0.2 ! -i br-app -o br-app -p tcp --dport 80 -j ACCEPT
ip netns exec isp curl http://198.51.100.20:8080/
ip netns exec c1 curl http://198.51.100.20:8080/
ip netns exec c1 curl http://172.18.0.2/
curl http://198.51.100.20:8080/
iptables -L FORWARD -n -v --line-numbers
