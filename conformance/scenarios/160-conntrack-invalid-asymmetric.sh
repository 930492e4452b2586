# Asymmetric routing and conntrack: the client's packets go through r1, the server's answers
# through r2. r2 never sees a connection open, so the echo replies and the SYN-ACKs it
# forwards are INVALID: `--ctstate INVALID -j DROP` there kills them, `--ctstate NEW` does
# not match them, and an ESTABLISHED-only policy drops them too.
ip netns add c
ip netns add s
ip netns add r1
ip netns add r2
ip link add br1 type bridge
ip link add br2 type bridge
ip link set br1 up
ip link set br2 up
ip link add c1 type veth peer name eth0 netns c
ip link add s2 type veth peer name eth0 netns s
ip link add r1a type veth peer name eth0 netns r1
ip link add r1b type veth peer name eth1 netns r1
ip link add r2a type veth peer name eth0 netns r2
ip link add r2b type veth peer name eth1 netns r2
ip link set c1 master br1
ip link set r1a master br1
ip link set r2a master br1
ip link set s2 master br2
ip link set r1b master br2
ip link set r2b master br2
ip link set c1 up
ip link set s2 up
ip link set r1a up
ip link set r1b up
ip link set r2a up
ip link set r2b up
ip -n c addr add 10.160.1.10/24 dev eth0
ip -n r1 addr add 10.160.1.1/24 dev eth0
ip -n r2 addr add 10.160.1.2/24 dev eth0
ip -n s addr add 10.160.2.10/24 dev eth0
ip -n r1 addr add 10.160.2.1/24 dev eth1
ip -n r2 addr add 10.160.2.2/24 dev eth1
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r1 link set eth0 up
ip -n r1 link set eth1 up
ip -n r2 link set eth0 up
ip -n r2 link set eth1 up
ip -n c route add default via 10.160.1.1
ip -n s route add default via 10.160.2.2
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec s python3 -m http.server 80 &
ip netns exec c ping -c 1 10.160.2.10
ip netns exec c curl http://10.160.2.10/
ip netns exec r2 iptables -A FORWARD -m conntrack --ctstate INVALID -j DROP
ip netns exec c ping -c 1 10.160.2.10
ip netns exec c curl http://10.160.2.10/
ip netns exec s ping -c 1 10.160.1.10
ip netns exec r2 iptables -F FORWARD
ip netns exec r2 iptables -A FORWARD -m conntrack --ctstate NEW -j DROP
ip netns exec c ping -c 1 10.160.2.10
ip netns exec s ping -c 1 10.160.1.10
ip netns exec r2 iptables -F FORWARD
ip netns exec r2 iptables -P FORWARD DROP
ip netns exec r2 iptables -A FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec r2 iptables -A FORWARD -s 10.160.2.0/24 -p tcp --dport 80 -j ACCEPT
ip netns exec c ping -c 1 10.160.2.10
ip netns exec c curl http://10.160.2.10/
ip netns exec r2 iptables -A FORWARD -m state --state INVALID -j ACCEPT
ip netns exec c ping -c 1 10.160.2.10
