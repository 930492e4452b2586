// The docker form of the conformance scenarios 15x-docker29-*.sh: the same file with docker
// lines instead of the primitives they expand to. `expandScript` of each gives the scenario
// (docker.test.ts checks that), and replaying each must give the kernel's recording. 50–55 are
// the same docker lines as Docker 27 expanded them: kernel scenarios of their own, kept.

const ISP = `ip netns add isp
ip link add eth0 type veth peer name up0 netns isp
ip addr add 198.51.100.20/24 dev eth0
ip link set eth0 up
ip -n isp addr add 198.51.100.1/24 dev up0
ip -n isp link set up0 up
ip route add default via 198.51.100.1`;

export const DOCKER_SCENARIOS: Readonly<Record<string, string>> = {
  '150-docker29-default-bridge': `# Docker 29's default bridge, spelled out by netlab's docker command: the daemon's first
# start (ip_forward, FORWARD policy DROP, DOCKER-USER, DOCKER-FORWARD and the chains it jumps
# to, docker0 172.17.0.1/16), then
# \`docker run -d --name web -p 8080:80 nginx\` and \`docker run -d --name client alpine sleep infinity\`:
# a namespace and a veth pair per container with a raw-table DROP for its address from outside
# docker0, MASQUERADE for egress, one DNAT per published port. "isp" plays the outside world.
# Each "# docker …" comment is the command expanded below it.
${ISP}
docker run -d --name web -p 8080:80 nginx
docker run -d --name client alpine sleep infinity
# container to container on docker0
ip netns exec client ping -c 1 172.17.0.2
ip netns exec client curl http://172.17.0.2/
# egress: MASQUERADE behind the host's address
ip netns exec client ping -c 1 198.51.100.1
ip netns exec client traceroute -n 198.51.100.1
# the published port from outside: DNAT, and the server sees the real client
ip netns exec isp curl http://198.51.100.20:8080/
ip netns exec isp curl http://198.51.100.20:8081/
# the container's own address from outside: the raw table drops it, published port or not
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
`,
  '151-docker29-user-bridges': `# Two user-defined bridge networks and the default one, as Docker 29 builds them: each network's
# rules appended to DOCKER-FORWARD, DOCKER-CT, DOCKER-BRIDGE and DOCKER, no traffic between
# bridges but to published ports, DOCKER-USER first in FORWARD, a published port on a user
# network, and a container connected to both networks. Each "# docker …" comment is the command expanded below it.
${ISP}
docker network create --subnet 10.51.1.0/24 front
docker network create --subnet 10.51.2.0/24 back
docker run -d --name web --network front -p 8080:80 nginx
docker run -d --name app --network back nginx
docker run -d --name peer --network front alpine sleep infinity
docker run -d --name legacy alpine sleep infinity
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
docker network connect back peer
ip netns exec peer ping -c 1 10.51.2.2
ip netns exec peer curl http://10.51.2.2/
ip netns exec app ping -c 1 10.51.2.3
`,
  '152-docker29-host-none': `# --network host runs the container's server in the host's namespace: no veth, no NAT;
# --network none gives a namespace with only lo. A bridged container next to them reaches
# the host-mode server through its gateway. Each "# docker …" comment is the command expanded below it.
${ISP}
docker run -d --name hostweb --network host nginx
docker run -d --name sealed --network none alpine sleep infinity
docker run -d --name client alpine sleep infinity
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
`,
  '153-docker29-container-mode': `# --network container:app: a second container joins app's namespace, so its server answers on
# app's address and app's published port, and app reaches it on 127.0.0.1.
# Each "# docker …" comment is the command expanded below it.
${ISP}
docker run -d --name app -p 8080:80 alpine sleep infinity
docker run -d --name client alpine sleep infinity
ip netns exec client curl http://172.17.0.2/
ip netns exec isp curl http://198.51.100.20:8080/
docker run -d --name sidecar --network container:app nginx
ip netns exec client curl http://172.17.0.2/
ip netns exec isp curl http://198.51.100.20:8080/
ip netns exec app curl http://127.0.0.1/
ip netns exec app ping -c 1 172.17.0.3
`,
  '154-docker29-macvlan': `# A macvlan network on the host's eth0 (bridge mode): containers get their own MACs and
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
docker network create -d macvlan --subnet 192.168.54.0/24 --gateway 192.168.54.1 -o parent=eth0 lan54
docker run -d --name web --network lan54 nginx
docker run -d --name box --network lan54 --ip 192.168.54.50 alpine sleep infinity
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
`,
  '155-docker29-overlay': `# Docker's overlay network across two hosts, spelled out by netlab's docker command: a swarm
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
ip netns exec host1 docker swarm init --advertise-addr 192.168.60.11
ip netns exec host2 docker swarm join --token SWMTKN-1-zbwiv0ftzqai240momz021piu4vgkel77pahp3mf9mutgfkuce-16r3m01cylhscoetadllkjnyu 192.168.60.11:2377
ip netns exec host1 docker network create -d overlay --attachable --subnet 10.0.9.0/24 ov
ip netns exec host1 docker run -d --name web --network ov nginx
ip netns exec host2 docker run -d --name c2 --network ov alpine sleep infinity
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
ip netns exec host1 docker run -d --name c3 --network ov alpine sleep infinity
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
ip netns exec host2 docker rm -f c2
ip netns exec c3 ping -c 1 10.0.9.3
ip netns exec host2 docker run -d --name c4 --network ov --ip 10.0.9.30 alpine sleep infinity
ip netns exec c4 ping -c 1 10.0.9.2
ip netns exec c4 curl http://10.0.9.2/
`,
};
