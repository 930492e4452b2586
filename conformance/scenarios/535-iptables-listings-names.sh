# iptables listings without -n (host, network and service names) and with every modifier, for
# rules with LOG options, REJECT types, multiport, conntrack and addrtype matches, negations,
# interfaces, a policy DROP with counters, and a user chain without references.
ip netns add fw
ip link add eth0 netns fw type veth peer name p0
ip -n fw addr add 10.35.0.1/24 dev eth0
ip -n fw link set eth0 up
ip -n fw link set lo up
ip addr add 10.35.0.2/24 dev p0
ip link set p0 up
ip netns exec fw iptables -N SPARE
ip netns exec fw iptables -A INPUT -i lo -j ACCEPT
ip netns exec fw iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec fw iptables -A INPUT -p tcp -m multiport --dports 22,80,443 -j ACCEPT
ip netns exec fw iptables -A INPUT -s 127.0.0.0/8 ! -i lo -j DROP
ip netns exec fw iptables -A INPUT -p icmp --icmp-type echo-request -j LOG --log-prefix "ping " --log-level 6
ip netns exec fw iptables -A INPUT -p icmp -j ACCEPT
ip netns exec fw iptables -A INPUT -p udp --dport 53 -j REJECT --reject-with icmp-host-prohibited
ip netns exec fw iptables -A INPUT -m addrtype --dst-type BROADCAST -j DROP
ip netns exec fw iptables -A INPUT -p tcp --dport 8080 -j REJECT --reject-with tcp-reset
ip netns exec fw iptables -A OUTPUT -d 10.35.0.2 -p tcp --sport 80 -j ACCEPT
ip netns exec fw iptables -P INPUT DROP
ip netns exec fw python3 -m http.server 80 &
ping -c 1 10.35.0.1
curl http://10.35.0.1/
curl http://10.35.0.1:8080/
curl http://10.35.0.1:81/
ip netns exec fw iptables -L
ip netns exec fw iptables -L -v
ip netns exec fw iptables -L INPUT --line-numbers
ip netns exec fw iptables -L -n -v -x
ip netns exec fw iptables -S
ip netns exec fw iptables -L SPARE -v
ip netns exec fw iptables-save -c -t filter
ip netns exec fw iptables -L OUTPUT -v -n --line-numbers -x
