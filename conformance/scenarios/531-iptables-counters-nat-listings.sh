# Counters after traffic through DNAT, SNAT and MASQUERADE, a user chain jumped to from two
# places (its references), LOG and REJECT rules and policy counters, in every listing form:
# -L with -n/-v/-x/--line-numbers, -L without -n (names), -S with -v, -L CHAIN, iptables-save -c.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name c0 netns r
ip link add s0 netns r type veth peer name eth0 netns s
ip -n c addr add 10.31.0.2/24 dev eth0
ip -n r addr add 10.31.0.1/24 dev c0
ip -n r addr add 192.0.2.1/24 dev s0
ip -n s addr add 192.0.2.10/24 dev eth0
ip -n c link set eth0 up
ip -n r link set c0 up
ip -n r link set s0 up
ip -n s link set eth0 up
ip -n c route add default via 10.31.0.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec s python3 -m http.server 80 &
ip netns exec r python3 -m http.server 80 &
ip netns exec r iptables -N CHECK
ip netns exec r iptables -A CHECK -p tcp --dport 81 -j REJECT --reject-with tcp-reset
ip netns exec r iptables -A CHECK -p icmp -j LOG --log-prefix "icmp: "
ip netns exec r iptables -A CHECK -j RETURN
ip netns exec r iptables -A FORWARD -i c0 -j CHECK
ip netns exec r iptables -A INPUT -i c0 -j CHECK
ip netns exec r iptables -A INPUT -p tcp --dport 22 -j DROP
ip netns exec r iptables -A FORWARD -p udp -j REJECT
ip netns exec r iptables -P FORWARD ACCEPT
ip netns exec r iptables -t nat -A PREROUTING -d 10.31.0.1 -p tcp --dport 8080 -j DNAT --to-destination 192.0.2.10:80
ip netns exec r iptables -t nat -A POSTROUTING -s 10.31.0.0/24 -p tcp -o s0 -j SNAT --to-source 192.0.2.1
ip netns exec r iptables -t nat -A POSTROUTING -s 10.31.0.0/24 -o s0 -j MASQUERADE
ip netns exec c ping -c 1 192.0.2.10
ip netns exec c curl http://192.0.2.10/
ip netns exec c curl http://10.31.0.1:8080/
ip netns exec c curl http://10.31.0.1/
ip netns exec c curl http://192.0.2.10:81/
ip netns exec c traceroute -n -m 3 192.0.2.10
ip netns exec c ping -c 1 10.31.0.1
ip netns exec r iptables -L -n -v
ip netns exec r iptables -L -n -v -x --line-numbers
ip netns exec r iptables -L
ip netns exec r iptables -L CHECK -n -v
ip netns exec r iptables -L CHECK
ip netns exec r iptables -S -v
ip netns exec r iptables -S CHECK
ip netns exec r iptables -v -S FORWARD
ip netns exec r iptables -t nat -L -v -n -x
ip netns exec r iptables -t nat -L
ip netns exec r iptables -t nat -S -v
ip netns exec r iptables -t nat -L POSTROUTING -n -v --line-numbers
ip netns exec r iptables-save -c
ip netns exec r iptables-save -t nat
ip netns exec r iptables -L -x -n
ip netns exec r iptables -n -L FORWARD 2
ip netns exec r iptables -S FORWARD 1
ip netns exec r iptables -t raw -L -n -v
ip netns exec r iptables -t mangle -L -n
ip netns exec r iptables -L -n -v -Z
ip netns exec r iptables -L INPUT -n -v
