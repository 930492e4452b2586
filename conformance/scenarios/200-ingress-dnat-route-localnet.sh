# The host side of swarm's routing mesh (DOCKER-INGRESS) in plain commands: published ports
# are DNATed from PREROUTING and OUTPUT (every local address, 127.0.0.1 too) to a sandbox
# behind a bridge. From the host's own loopback that needs the bridge's route_localnet (or
# the kernel will not route 127/8 out of it) and a MASQUERADE of local sources (or the
# sandbox answers 127.0.0.1 to itself). The task side: REDIRECT from the published port to
# the one the server listens on, with its INPUT letting only that port in.
ip link set lo up
ip link add gwbr type bridge
ip addr add 172.18.0.1/16 dev gwbr
ip link set gwbr up
ip netns add sbox
ip link add vsb type veth peer name eth1 netns sbox
ip link set vsb master gwbr
ip link set vsb up
ip -n sbox addr add 172.18.0.2/16 dev eth1
ip -n sbox link set eth1 up
ip -n sbox link set lo up
ip -n sbox route add default via 172.18.0.1
ip netns exec sbox python3 -m http.server 8080 &
ip netns add outside
ip link add eth0 type veth peer name up0 netns outside
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n outside addr add 198.51.100.1/24 dev up0
ip -n outside link set up0 up
sysctl -w net.ipv4.ip_forward=1
iptables -P FORWARD DROP
iptables -t nat -N DOCKER-INGRESS
iptables -t nat -A DOCKER-INGRESS -j RETURN
iptables -N DOCKER-INGRESS
iptables -A DOCKER-INGRESS -j RETURN
iptables -t nat -I OUTPUT -m addrtype --dst-type LOCAL -j DOCKER-INGRESS
iptables -t nat -I PREROUTING -m addrtype --dst-type LOCAL -j DOCKER-INGRESS
iptables -I FORWARD -j DOCKER-INGRESS
iptables -t nat -I DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.18.0.2:8080
iptables -I DOCKER-INGRESS -p tcp -m tcp --sport 8080 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
iptables -I DOCKER-INGRESS -p tcp -m tcp --dport 8080 -j ACCEPT
# from outside and from the host's own address: DNAT, forwarded by DOCKER-INGRESS's ACCEPTs
ip netns exec outside curl http://198.51.100.20:8080/
curl http://198.51.100.20:8080/
ip netns exec outside curl http://198.51.100.20:8081/
# 127.0.0.1: DNATed, but a martian source out of gwbr
curl http://127.0.0.1:8080/
sysctl -w net.ipv4.conf.gwbr.route_localnet=1
# now it leaves, from 127.0.0.1, and the sandbox's answer goes to its own loopback
curl http://127.0.0.1:8080/
iptables -t nat -I POSTROUTING -m addrtype --src-type LOCAL -o gwbr -j MASQUERADE
curl http://127.0.0.1:8080/
curl http://198.51.100.20:8080/
ip netns exec outside curl http://198.51.100.20:8080/
# the task: port 8080 on its address is port 80, and only port 80 comes in
ip netns add task
ip link add eth0 netns task type veth peer name eth0t netns sbox
ip -n task addr add 10.0.0.6/24 dev eth0
ip -n task link set eth0 up
ip -n task link set lo up
ip -n sbox addr add 10.0.0.2/24 dev eth0t
ip -n sbox link set eth0t up
ip netns exec task python3 -m http.server 80 &
ip netns exec task python3 -m http.server 81 &
ip netns exec task iptables -t nat -A PREROUTING -d 10.0.0.6/32 -p tcp -m tcp --dport 8080 -j REDIRECT --to-ports 80
ip netns exec task iptables -I INPUT -d 10.0.0.6/32 -p tcp -m tcp --dport 80 -m conntrack --ctstate NEW,ESTABLISHED -j ACCEPT
ip netns exec task iptables -I OUTPUT -s 10.0.0.6/32 -p tcp -m tcp --sport 80 -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec task iptables -A INPUT -d 10.0.0.6/32 -p udp -j DROP
ip netns exec task iptables -A OUTPUT -s 10.0.0.6/32 -p udp -j DROP
ip netns exec task iptables -A INPUT -d 10.0.0.6/32 -p tcp -j DROP
ip netns exec task iptables -A OUTPUT -s 10.0.0.6/32 -p tcp -j DROP
ip netns exec sbox curl http://10.0.0.6:8080/
ip netns exec sbox curl http://10.0.0.6:80/
ip netns exec sbox curl http://10.0.0.6:81/
ip netns exec sbox ping -c 1 10.0.0.6
ip netns exec task iptables -t nat -S
