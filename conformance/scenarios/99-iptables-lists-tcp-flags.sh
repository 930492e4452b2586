# iptables lines that stand for several rules or look at TCP flags: `-s A,B` is one rule per
# address (-I puts the last one first, -D takes them together or not at all, -R refuses),
# -C, --syn and --tcp-flags (PSH rides on the request), `! -p tcp --dport` (taken, never
# matches), ICMP type names by prefix and `any`, and the refusals: a flag twice, two
# commands, a reversed NAT port range, a NAT address with a leading zero.
ip netns add c1
ip netns add c2
ip netns add s
ip link add eth0 netns c1 type veth peer name e1 netns s
ip link add eth0 netns c2 type veth peer name e2 netns s
ip -n c1 addr add 10.99.1.2/24 dev eth0
ip -n c2 addr add 10.99.2.2/24 dev eth0
ip -n s addr add 10.99.1.1/24 dev e1
ip -n s addr add 10.99.2.1/24 dev e2
ip -n c1 link set eth0 up
ip -n c2 link set eth0 up
ip -n s link set e1 up
ip -n s link set e2 up
ip -n c1 route add default via 10.99.1.1
ip -n c2 route add default via 10.99.2.1
ip netns exec s python3 -m http.server 80 &
ip netns exec s python3 -m http.server 8080 &
ip netns exec s iptables -A INPUT -s 10.99.1.2,10.99.2.2 -p icmp -j DROP
ip netns exec c1 ping -c 1 10.99.1.1
ip netns exec c2 ping -c 1 10.99.2.1
ip netns exec s iptables -C INPUT -s 10.99.2.2 -p icmp -j DROP
ip netns exec s iptables -C INPUT -s 10.99.3.2 -p icmp -j DROP
ip netns exec s iptables -D INPUT -s 10.99.2.2,10.99.3.2 -p icmp -j DROP
ip netns exec c2 ping -c 1 10.99.2.1
ip netns exec s iptables -D INPUT -s 10.99.1.2,10.99.2.2 -p icmp -j DROP
ip netns exec c2 ping -c 1 10.99.2.1
ip netns exec s iptables -I INPUT -s 10.99.1.2,10.99.2.2 -p icmp -j REJECT
ip netns exec s iptables -R INPUT 1 -s 10.99.1.2,10.99.2.2 -j ACCEPT
ip netns exec s iptables -D INPUT 1
ip netns exec c2 ping -c 1 10.99.2.1
ip netns exec c1 ping -c 1 10.99.1.1
ip netns exec s iptables -F
# TCP flags
ip netns exec s iptables -A INPUT -p tcp --dport 80 --syn -j DROP
ip netns exec c1 curl http://10.99.1.1/
ip netns exec c1 curl http://10.99.1.1:8080/
ip netns exec s iptables -R INPUT 1 -p tcp --tcp-flags syn,ack,fin,rst SYN -j REJECT --reject-with tcp-reset
ip netns exec c1 curl http://10.99.1.1:8080/
ip netns exec s iptables -R INPUT 1 -p tcp ! --syn -m conntrack --ctstate NEW -j DROP
ip netns exec c1 curl http://10.99.1.1/
ip netns exec s iptables -R INPUT 1 -p tcp --tcp-flags ALL ACK,PSH -j DROP
ip netns exec c1 curl http://10.99.1.1/
ip netns exec s iptables -R INPUT 1 -p tcp --tcp-flags ALL NONE -j DROP
ip netns exec c1 curl http://10.99.1.1/
ip netns exec s iptables -F
# a negated protocol with ports, ICMP names
ip netns exec s iptables -A INPUT ! -p tcp --dport 80 -j DROP
ip netns exec c1 ping -c 1 10.99.1.1
ip netns exec s iptables -A INPUT -p icmp --icmp-type echo-req -j REJECT --reject-with icmp-host-prohibited
ip netns exec c1 ping -c 1 10.99.1.1
ip netns exec s iptables -I INPUT -p icmp --icmp-type echo -j ACCEPT
ip netns exec s iptables -I INPUT -p icmp --icmp-type 8/0 -j ACCEPT
ip netns exec c1 ping -c 1 10.99.1.1
ip netns exec s iptables -I INPUT -p icmp --icmp-type any -j DROP
ip netns exec c1 ping -c 1 10.99.1.1
# refusals, and a DNAT to a service name
ip netns exec s iptables -A INPUT -i e1 -i e2 -j DROP
ip netns exec s iptables -A INPUT -p tcp --syn --tcp-flags SYN SYN -j DROP
ip netns exec s iptables -N x -N y
ip netns exec s iptables -A INPUT -j ACCEPT -j DROP
ip netns exec s iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.99.2.2:90-80
ip netns exec s iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 010.99.2.2
ip netns exec s iptables -t nat -A PREROUTING -p tcp --dport 8081 -j DNAT --to-destination 10.99.1.1:http-alt
ip netns exec c2 curl http://10.99.2.1:8081/
