# Docker's overlay network across two hosts, spelled out by netlab's docker command: a swarm
# (host1 manager, host2 worker; each gets docker_gwbridge and the ingress sandbox, whose leg on
# docker_gwbridge takes its first address, 172.18.0.2), an attachable overlay network,
# then containers on both hosts. On each host the overlay is a sandbox namespace with a bridge
# br0 and a VXLAN device (VNI 4097, UDP 4789, proxy: ARP is answered from the neighbours
# Docker writes) made in the host, so the tunnel rides the hosts' LAN. Each container also
# gets a leg on docker_gwbridge for its way out (MASQUERADE; no traffic between legs).
ip netns add host1
ip netns add host2
ip link add lan type bridge
ip link set lan up
ip link add p1 type veth peer name eth0 netns host1
ip link add p2 type veth peer name eth0 netns host2
ip link set p1 master lan
ip link set p2 master lan
ip link set p1 up
ip link set p2 up
ip -n host1 addr add 192.168.60.11/24 dev eth0
ip -n host2 addr add 192.168.60.12/24 dev eth0
ip -n host1 link set eth0 up
ip -n host2 link set eth0 up
# ip netns exec host1 docker swarm init --advertise-addr 192.168.60.11
ip netns exec host1 sysctl -w net.ipv4.ip_forward=1
ip netns exec host1 iptables -P FORWARD DROP
ip netns exec host1 iptables -t nat -N DOCKER
ip netns exec host1 iptables -N DOCKER
ip netns exec host1 iptables -N DOCKER-FORWARD
ip netns exec host1 iptables -N DOCKER-BRIDGE
ip netns exec host1 iptables -N DOCKER-CT
ip netns exec host1 iptables -N DOCKER-INTERNAL
ip netns exec host1 iptables -N DOCKER-USER
ip netns exec host1 iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec host1 iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec host1 iptables -I FORWARD -j DOCKER-FORWARD
ip netns exec host1 iptables -I DOCKER-FORWARD -j DOCKER-BRIDGE
ip netns exec host1 iptables -I DOCKER-FORWARD -j DOCKER-INTERNAL
ip netns exec host1 iptables -I DOCKER-FORWARD -j DOCKER-CT
ip netns exec host1 ip link add docker0 type bridge
ip netns exec host1 ip addr add 172.17.0.1/16 dev docker0
ip netns exec host1 ip link set docker0 up
ip netns exec host1 iptables -t nat -I POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
ip netns exec host1 iptables -A DOCKER-FORWARD -i docker0 -j ACCEPT
ip netns exec host1 iptables -A DOCKER ! -i docker0 -o docker0 -j DROP
ip netns exec host1 iptables -A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host1 iptables -A DOCKER-BRIDGE -o docker0 -j DOCKER
ip netns exec host1 iptables -I FORWARD -j DOCKER-USER
ip netns exec host1 ip link add docker_gwbridge type bridge
ip netns exec host1 ip addr add 172.18.0.1/16 dev docker_gwbridge
ip netns exec host1 ip link set docker_gwbridge up
ip netns exec host1 iptables -t nat -I POSTROUTING -s 172.18.0.0/16 ! -o docker_gwbridge -j MASQUERADE
ip netns exec host1 iptables -A DOCKER-FORWARD -i docker_gwbridge -o docker_gwbridge -j DROP
ip netns exec host1 iptables -A DOCKER-FORWARD -i docker_gwbridge ! -o docker_gwbridge -j ACCEPT
ip netns exec host1 iptables -A DOCKER ! -i docker_gwbridge -o docker_gwbridge -j DROP
ip netns exec host1 iptables -A DOCKER-CT -o docker_gwbridge -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host1 iptables -A DOCKER-BRIDGE -o docker_gwbridge -j DOCKER
ip netns exec host1 iptables -D FORWARD -j DOCKER-USER
ip netns exec host1 iptables -I FORWARD -j DOCKER-USER
ip netns add ingress_sbox.host1
ip netns exec ingress_sbox.host1 sysctl -w net.ipv4.ip_forward=1
ip netns add 1-c7szp7pg5p.host1
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link add br0 type bridge
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 addr add 10.0.0.1/24 dev br0
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set br0 up
ip netns exec host1 ip link add vx-001000-c7szp mtu 1450 type vxlan id 4096 dstport 4789 proxy learning l2miss l3miss
ip netns exec host1 ip link set vx-001000-c7szp netns 1-c7szp7pg5p.host1
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set vx-001000-c7szp name vxlan0
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set vxlan0 master br0
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set vxlan0 up
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link add veth0 type veth peer name eth0 netns ingress_sbox.host1
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set veth0 mtu 1450
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set veth0 master br0
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 link set veth0 up
ip netns exec host1 ip -n ingress_sbox.host1 link set eth0 mtu 1450
ip netns exec host1 ip -n ingress_sbox.host1 link set eth0 address 02:42:0a:00:00:02
ip netns exec host1 ip -n ingress_sbox.host1 addr add 10.0.0.2/24 dev eth0
ip netns exec host1 ip -n ingress_sbox.host1 link set eth0 up
ip netns exec host1 ip -n ingress_sbox.host1 link set lo up
ip netns exec host1 ip link add veth064ea8c type veth peer name eth1 netns ingress_sbox.host1
ip netns exec host1 ip link set veth064ea8c master docker_gwbridge
ip netns exec host1 ip link set veth064ea8c up
ip netns exec host1 ip -n ingress_sbox.host1 link set eth1 address ae:7d:35:e3:ab:bc
ip netns exec host1 ip -n ingress_sbox.host1 addr add 172.18.0.2/16 dev eth1
ip netns exec host1 ip -n ingress_sbox.host1 link set eth1 up
ip netns exec host1 ip -n ingress_sbox.host1 route add default via 172.18.0.1
ip netns exec host1 iptables -t raw -A PREROUTING -d 172.18.0.2/32 ! -i docker_gwbridge -j DROP
# ip netns exec host2 docker swarm join --token SWMTKN-1-zbwiv0ftzqai240momz021piu4vgkel77pahp3mf9mutgfkuce-16r3m01cylhscoetadllkjnyu 192.168.60.11:2377
ip netns exec host2 sysctl -w net.ipv4.ip_forward=1
ip netns exec host2 iptables -P FORWARD DROP
ip netns exec host2 iptables -t nat -N DOCKER
ip netns exec host2 iptables -N DOCKER
ip netns exec host2 iptables -N DOCKER-FORWARD
ip netns exec host2 iptables -N DOCKER-BRIDGE
ip netns exec host2 iptables -N DOCKER-CT
ip netns exec host2 iptables -N DOCKER-INTERNAL
ip netns exec host2 iptables -N DOCKER-USER
ip netns exec host2 iptables -t nat -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec host2 iptables -t nat -A OUTPUT ! -d 127.0.0.0/8 -m addrtype --dst-type LOCAL -j DOCKER
ip netns exec host2 iptables -I FORWARD -j DOCKER-FORWARD
ip netns exec host2 iptables -I DOCKER-FORWARD -j DOCKER-BRIDGE
ip netns exec host2 iptables -I DOCKER-FORWARD -j DOCKER-INTERNAL
ip netns exec host2 iptables -I DOCKER-FORWARD -j DOCKER-CT
ip netns exec host2 ip link add docker0 type bridge
ip netns exec host2 ip addr add 172.17.0.1/16 dev docker0
ip netns exec host2 ip link set docker0 up
ip netns exec host2 iptables -t nat -I POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
ip netns exec host2 iptables -A DOCKER-FORWARD -i docker0 -j ACCEPT
ip netns exec host2 iptables -A DOCKER ! -i docker0 -o docker0 -j DROP
ip netns exec host2 iptables -A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host2 iptables -A DOCKER-BRIDGE -o docker0 -j DOCKER
ip netns exec host2 iptables -I FORWARD -j DOCKER-USER
ip netns exec host2 ip link add docker_gwbridge type bridge
ip netns exec host2 ip addr add 172.18.0.1/16 dev docker_gwbridge
ip netns exec host2 ip link set docker_gwbridge up
ip netns exec host2 iptables -t nat -I POSTROUTING -s 172.18.0.0/16 ! -o docker_gwbridge -j MASQUERADE
ip netns exec host2 iptables -A DOCKER-FORWARD -i docker_gwbridge -o docker_gwbridge -j DROP
ip netns exec host2 iptables -A DOCKER-FORWARD -i docker_gwbridge ! -o docker_gwbridge -j ACCEPT
ip netns exec host2 iptables -A DOCKER ! -i docker_gwbridge -o docker_gwbridge -j DROP
ip netns exec host2 iptables -A DOCKER-CT -o docker_gwbridge -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT
ip netns exec host2 iptables -A DOCKER-BRIDGE -o docker_gwbridge -j DOCKER
ip netns exec host2 iptables -D FORWARD -j DOCKER-USER
ip netns exec host2 iptables -I FORWARD -j DOCKER-USER
ip netns add ingress_sbox.host2
ip netns exec ingress_sbox.host2 sysctl -w net.ipv4.ip_forward=1
ip netns add 1-c7szp7pg5p.host2
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link add br0 type bridge
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 addr add 10.0.0.1/24 dev br0
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set br0 up
ip netns exec host2 ip link add vx-001000-c7szp mtu 1450 type vxlan id 4096 dstport 4789 proxy learning l2miss l3miss
ip netns exec host2 ip link set vx-001000-c7szp netns 1-c7szp7pg5p.host2
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set vx-001000-c7szp name vxlan0
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set vxlan0 master br0
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set vxlan0 up
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 neigh replace 10.0.0.2 lladdr 02:42:0a:00:00:02 dev vxlan0 nud permanent
ip netns exec 1-c7szp7pg5p.host2 bridge fdb replace 02:42:0a:00:00:02 dev vxlan0 dst 192.168.60.11 self permanent
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link add veth0 type veth peer name eth0 netns ingress_sbox.host2
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set veth0 mtu 1450
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set veth0 master br0
ip netns exec host2 ip -n 1-c7szp7pg5p.host2 link set veth0 up
ip netns exec host2 ip -n ingress_sbox.host2 link set eth0 mtu 1450
ip netns exec host2 ip -n ingress_sbox.host2 link set eth0 address 02:42:0a:00:00:03
ip netns exec host2 ip -n ingress_sbox.host2 addr add 10.0.0.3/24 dev eth0
ip netns exec host2 ip -n ingress_sbox.host2 link set eth0 up
ip netns exec host2 ip -n ingress_sbox.host2 link set lo up
ip netns exec host2 ip link add veth7d3819e type veth peer name eth1 netns ingress_sbox.host2
ip netns exec host2 ip link set veth7d3819e master docker_gwbridge
ip netns exec host2 ip link set veth7d3819e up
ip netns exec host2 ip -n ingress_sbox.host2 link set eth1 address 7e:a7:6a:04:fd:e1
ip netns exec host2 ip -n ingress_sbox.host2 addr add 172.18.0.2/16 dev eth1
ip netns exec host2 ip -n ingress_sbox.host2 link set eth1 up
ip netns exec host2 ip -n ingress_sbox.host2 route add default via 172.18.0.1
ip netns exec host2 iptables -t raw -A PREROUTING -d 172.18.0.2/32 ! -i docker_gwbridge -j DROP
ip netns exec host1 ip -n 1-c7szp7pg5p.host1 neigh replace 10.0.0.3 lladdr 02:42:0a:00:00:03 dev vxlan0 nud permanent
ip netns exec 1-c7szp7pg5p.host1 bridge fdb replace 02:42:0a:00:00:03 dev vxlan0 dst 192.168.60.12 self permanent
# ip netns exec host1 docker network create -d overlay --attachable --subnet 10.0.9.0/24 ov
# ip netns exec host1 docker run -d --name web --network ov nginx
ip netns add web
ip netns add 1-v370s67knk.host1
ip netns exec host1 ip -n 1-v370s67knk.host1 link add br0 type bridge
ip netns exec host1 ip -n 1-v370s67knk.host1 addr add 10.0.9.1/24 dev br0
ip netns exec host1 ip -n 1-v370s67knk.host1 link set br0 up
ip netns exec host1 ip link add vx-001001-v370s mtu 1450 type vxlan id 4097 dstport 4789 proxy learning l2miss l3miss
ip netns exec host1 ip link set vx-001001-v370s netns 1-v370s67knk.host1
ip netns exec host1 ip -n 1-v370s67knk.host1 link set vx-001001-v370s name vxlan0
ip netns exec host1 ip -n 1-v370s67knk.host1 link set vxlan0 master br0
ip netns exec host1 ip -n 1-v370s67knk.host1 link set vxlan0 up
ip netns exec host1 ip -n 1-v370s67knk.host1 link add veth0 type veth peer name eth0 netns web
ip netns exec host1 ip -n 1-v370s67knk.host1 link set veth0 mtu 1450
ip netns exec host1 ip -n 1-v370s67knk.host1 link set veth0 master br0
ip netns exec host1 ip -n 1-v370s67knk.host1 link set veth0 up
ip netns exec host1 ip -n web link set eth0 mtu 1450
ip netns exec host1 ip -n web link set eth0 address 02:42:0a:00:09:02
ip netns exec host1 ip -n web addr add 10.0.9.2/24 dev eth0
ip netns exec host1 ip -n web link set eth0 up
ip netns exec host1 ip -n web link set lo up
ip netns exec host1 ip link add veth40e292f type veth peer name eth1 netns web
ip netns exec host1 ip link set veth40e292f master docker_gwbridge
ip netns exec host1 ip link set veth40e292f up
ip netns exec host1 ip -n web link set eth1 address da:23:81:a4:de:12
ip netns exec host1 ip -n web addr add 172.18.0.3/16 dev eth1
ip netns exec host1 ip -n web link set eth1 up
ip netns exec host1 ip -n web route add default via 172.18.0.1
ip netns exec host1 iptables -t raw -A PREROUTING -d 172.18.0.3/32 ! -i docker_gwbridge -j DROP
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
# ip netns exec host2 docker run -d --name c2 --network ov alpine sleep infinity
ip netns add c2
ip netns add 1-v370s67knk.host2
ip netns exec host2 ip -n 1-v370s67knk.host2 link add br0 type bridge
ip netns exec host2 ip -n 1-v370s67knk.host2 addr add 10.0.9.1/24 dev br0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set br0 up
ip netns exec host2 ip link add vx-001001-v370s mtu 1450 type vxlan id 4097 dstport 4789 proxy learning l2miss l3miss
ip netns exec host2 ip link set vx-001001-v370s netns 1-v370s67knk.host2
ip netns exec host2 ip -n 1-v370s67knk.host2 link set vx-001001-v370s name vxlan0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set vxlan0 master br0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set vxlan0 up
ip netns exec host2 ip -n 1-v370s67knk.host2 neigh replace 10.0.9.2 lladdr 02:42:0a:00:09:02 dev vxlan0 nud permanent
ip netns exec 1-v370s67knk.host2 bridge fdb replace 02:42:0a:00:09:02 dev vxlan0 dst 192.168.60.11 self permanent
ip netns exec host2 ip -n 1-v370s67knk.host2 link add veth0 type veth peer name eth0 netns c2
ip netns exec host2 ip -n 1-v370s67knk.host2 link set veth0 mtu 1450
ip netns exec host2 ip -n 1-v370s67knk.host2 link set veth0 master br0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set veth0 up
ip netns exec host2 ip -n c2 link set eth0 mtu 1450
ip netns exec host2 ip -n c2 link set eth0 address 02:42:0a:00:09:03
ip netns exec host2 ip -n c2 addr add 10.0.9.3/24 dev eth0
ip netns exec host2 ip -n c2 link set eth0 up
ip netns exec host2 ip -n c2 link set lo up
ip netns exec host2 ip link add vethac00a07 type veth peer name eth1 netns c2
ip netns exec host2 ip link set vethac00a07 master docker_gwbridge
ip netns exec host2 ip link set vethac00a07 up
ip netns exec host2 ip -n c2 link set eth1 address f6:43:9f:b4:9e:0c
ip netns exec host2 ip -n c2 addr add 172.18.0.3/16 dev eth1
ip netns exec host2 ip -n c2 link set eth1 up
ip netns exec host2 ip -n c2 route add default via 172.18.0.1
ip netns exec host2 iptables -t raw -A PREROUTING -d 172.18.0.3/32 ! -i docker_gwbridge -j DROP
ip netns exec c2 iptables -t nat -N DOCKER_OUTPUT
ip netns exec c2 iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec c2 iptables -t nat -N DOCKER_POSTROUTING
ip netns exec c2 iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec c2 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:59067
ip netns exec c2 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 59067 -j SNAT --to-source :53
ip netns exec c2 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:59133
ip netns exec c2 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 59133 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in c2 on 127.0.0.11:59067/udp and 127.0.0.11:59133/tcp
ip netns exec host1 ip -n 1-v370s67knk.host1 neigh replace 10.0.9.3 lladdr 02:42:0a:00:09:03 dev vxlan0 nud permanent
ip netns exec 1-v370s67knk.host1 bridge fdb replace 02:42:0a:00:09:03 dev vxlan0 dst 192.168.60.12 self permanent
# across the hosts: one hop, and the server sees the overlay address
ip netns exec c2 ping -c 1 10.0.9.2
ip netns exec c2 curl http://10.0.9.2/
ip netns exec c2 traceroute -n 10.0.9.2
# the gateway address lives on br0 in host2's own sandbox
ip netns exec c2 ping -c 1 10.0.9.1
# the way out: docker_gwbridge and MASQUERADE behind host2's address
ip netns exec c2 ping -c 1 192.168.60.11
ip netns exec web curl http://192.168.60.12:8000/
ip netns exec host2 python3 -m http.server 8000 &
ip netns exec web curl http://192.168.60.12:8000/
# the hosts themselves have no route into the overlay
ip netns exec host1 ping -c 1 10.0.9.2
ip netns exec host2 ping -c 1 10.0.9.3
# a second container on host1: same host through br0, the other host through the tunnel
# ip netns exec host1 docker run -d --name c3 --network ov alpine sleep infinity
ip netns add c3
ip netns exec host1 ip -n 1-v370s67knk.host1 link add veth1 type veth peer name eth0 netns c3
ip netns exec host1 ip -n 1-v370s67knk.host1 link set veth1 mtu 1450
ip netns exec host1 ip -n 1-v370s67knk.host1 link set veth1 master br0
ip netns exec host1 ip -n 1-v370s67knk.host1 link set veth1 up
ip netns exec host1 ip -n c3 link set eth0 mtu 1450
ip netns exec host1 ip -n c3 link set eth0 address 02:42:0a:00:09:04
ip netns exec host1 ip -n c3 addr add 10.0.9.4/24 dev eth0
ip netns exec host1 ip -n c3 link set eth0 up
ip netns exec host1 ip -n c3 link set lo up
ip netns exec host1 ip link add veth6678624 type veth peer name eth1 netns c3
ip netns exec host1 ip link set veth6678624 master docker_gwbridge
ip netns exec host1 ip link set veth6678624 up
ip netns exec host1 ip -n c3 link set eth1 address 82:15:dc:52:3c:be
ip netns exec host1 ip -n c3 addr add 172.18.0.4/16 dev eth1
ip netns exec host1 ip -n c3 link set eth1 up
ip netns exec host1 ip -n c3 route add default via 172.18.0.1
ip netns exec host1 iptables -t raw -A PREROUTING -d 172.18.0.4/32 ! -i docker_gwbridge -j DROP
ip netns exec c3 iptables -t nat -N DOCKER_OUTPUT
ip netns exec c3 iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec c3 iptables -t nat -N DOCKER_POSTROUTING
ip netns exec c3 iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec c3 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:52599
ip netns exec c3 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 52599 -j SNAT --to-source :53
ip netns exec c3 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:41321
ip netns exec c3 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 41321 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in c3 on 127.0.0.11:52599/udp and 127.0.0.11:41321/tcp
ip netns exec host2 ip -n 1-v370s67knk.host2 neigh replace 10.0.9.4 lladdr 02:42:0a:00:09:04 dev vxlan0 nud permanent
ip netns exec 1-v370s67knk.host2 bridge fdb replace 02:42:0a:00:09:04 dev vxlan0 dst 192.168.60.11 self permanent
ip netns exec c3 ping -c 1 10.0.9.2
ip netns exec c3 ping -c 1 10.0.9.3
# docker_gwbridge has inter-container traffic off: web's leg is not reachable from c3's
ip netns exec c3 ping -c 1 172.18.0.3
# the underlay carries the overlay: drop UDP 4789 on host2 and the tunnel is gone
ip netns exec host2 iptables -I INPUT -p udp --dport 4789 -j DROP
ip netns exec c3 ping -c 1 10.0.9.3
ip netns exec host2 iptables -D INPUT -p udp --dport 4789 -j DROP
ip netns exec c3 ping -c 1 10.0.9.3
# c2 leaves: host1's sandbox forgets it, host2's sandbox goes with its last container
# ip netns exec host2 docker rm -f c2
ip netns exec host2 ip -n 1-v370s67knk.host2 link del veth0
ip netns del 1-v370s67knk.host2
ip netns exec host2 iptables -t raw -D PREROUTING -d 172.18.0.3/32 ! -i docker_gwbridge -j DROP
ip netns exec host2 ip link del vethac00a07
ip netns del c2
ip netns exec host1 ip -n 1-v370s67knk.host1 neigh del 10.0.9.3 dev vxlan0
ip netns exec 1-v370s67knk.host1 bridge fdb del 02:42:0a:00:09:03 dev vxlan0
ip netns exec c3 ping -c 1 10.0.9.3
# ip netns exec host2 docker run -d --name c4 --network ov --ip 10.0.9.30 alpine sleep infinity
ip netns add c4
ip netns add 1-v370s67knk.host2
ip netns exec host2 ip -n 1-v370s67knk.host2 link add br0 type bridge
ip netns exec host2 ip -n 1-v370s67knk.host2 addr add 10.0.9.1/24 dev br0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set br0 up
ip netns exec host2 ip link add vx-001001-v370s mtu 1450 type vxlan id 4097 dstport 4789 proxy learning l2miss l3miss
ip netns exec host2 ip link set vx-001001-v370s netns 1-v370s67knk.host2
ip netns exec host2 ip -n 1-v370s67knk.host2 link set vx-001001-v370s name vxlan0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set vxlan0 master br0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set vxlan0 up
ip netns exec host2 ip -n 1-v370s67knk.host2 neigh replace 10.0.9.2 lladdr 02:42:0a:00:09:02 dev vxlan0 nud permanent
ip netns exec 1-v370s67knk.host2 bridge fdb replace 02:42:0a:00:09:02 dev vxlan0 dst 192.168.60.11 self permanent
ip netns exec host2 ip -n 1-v370s67knk.host2 neigh replace 10.0.9.4 lladdr 02:42:0a:00:09:04 dev vxlan0 nud permanent
ip netns exec 1-v370s67knk.host2 bridge fdb replace 02:42:0a:00:09:04 dev vxlan0 dst 192.168.60.11 self permanent
ip netns exec host2 ip -n 1-v370s67knk.host2 link add veth0 type veth peer name eth0 netns c4
ip netns exec host2 ip -n 1-v370s67knk.host2 link set veth0 mtu 1450
ip netns exec host2 ip -n 1-v370s67knk.host2 link set veth0 master br0
ip netns exec host2 ip -n 1-v370s67knk.host2 link set veth0 up
ip netns exec host2 ip -n c4 link set eth0 mtu 1450
ip netns exec host2 ip -n c4 link set eth0 address 02:42:0a:00:09:1e
ip netns exec host2 ip -n c4 addr add 10.0.9.30/24 dev eth0
ip netns exec host2 ip -n c4 link set eth0 up
ip netns exec host2 ip -n c4 link set lo up
ip netns exec host2 ip link add vethd801c34 type veth peer name eth1 netns c4
ip netns exec host2 ip link set vethd801c34 master docker_gwbridge
ip netns exec host2 ip link set vethd801c34 up
ip netns exec host2 ip -n c4 link set eth1 address 96:5a:20:13:73:41
ip netns exec host2 ip -n c4 addr add 172.18.0.3/16 dev eth1
ip netns exec host2 ip -n c4 link set eth1 up
ip netns exec host2 ip -n c4 route add default via 172.18.0.1
ip netns exec host2 iptables -t raw -A PREROUTING -d 172.18.0.3/32 ! -i docker_gwbridge -j DROP
ip netns exec c4 iptables -t nat -N DOCKER_OUTPUT
ip netns exec c4 iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec c4 iptables -t nat -N DOCKER_POSTROUTING
ip netns exec c4 iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec c4 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:42807
ip netns exec c4 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 42807 -j SNAT --to-source :53
ip netns exec c4 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:43226
ip netns exec c4 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 43226 -j SNAT --to-source :53
# dockerd's embedded DNS server listens in c4 on 127.0.0.11:42807/udp and 127.0.0.11:43226/tcp
ip netns exec host1 ip -n 1-v370s67knk.host1 neigh replace 10.0.9.30 lladdr 02:42:0a:00:09:1e dev vxlan0 nud permanent
ip netns exec 1-v370s67knk.host1 bridge fdb replace 02:42:0a:00:09:1e dev vxlan0 dst 192.168.60.12 self permanent
ip netns exec c4 ping -c 1 10.0.9.2
ip netns exec c4 curl http://10.0.9.2/
