# A stateful firewall: INPUT policy DROP plus ESTABLISHED,RELATED lets the host start
# connections and get answers, ICMP errors about its own flows (time exceeded, port
# unreachable) come in as RELATED, and nothing new from outside gets in until a NEW rule.
ip netns add fw
ip netns add rtr
ip netns add far
ip link add eth0 netns fw type veth peer name r0 netns rtr
ip link add eth0 netns far type veth peer name r1 netns rtr
ip -n rtr addr add 10.29.0.1/24 dev r0
ip -n rtr addr add 10.29.1.1/24 dev r1
ip -n rtr link set r0 up
ip -n rtr link set r1 up
ip netns exec rtr sysctl -w net.ipv4.ip_forward=1
ip -n fw addr add 10.29.0.2/24 dev eth0
ip -n fw link set eth0 up
ip -n fw route add default via 10.29.0.1
ip -n far addr add 10.29.1.2/24 dev eth0
ip -n far link set eth0 up
ip -n far route add default via 10.29.1.1
ip netns exec far python3 -m http.server 80 &
ip netns exec fw python3 -m http.server 80 &
ip netns exec fw iptables -P INPUT DROP
ip netns exec fw iptables -A INPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec fw ping -c 1 10.29.1.2
ip netns exec fw curl http://10.29.1.2/
ip netns exec fw curl http://10.29.1.2:81/
ip netns exec fw traceroute -n 10.29.1.2
ip netns exec fw ping -c 1 192.0.2.1
ip netns exec far ping -c 1 10.29.0.2
ip netns exec far curl http://10.29.0.2/
# ESTABLISHED alone: the router's ICMP errors are RELATED and now dropped
ip netns exec fw iptables -R INPUT 1 -m conntrack --ctstate ESTABLISHED -j ACCEPT
ip netns exec fw ping -c 1 10.29.1.2
ip netns exec fw traceroute -n 10.29.1.2
ip netns exec fw ping -c 1 192.0.2.1
ip netns exec fw curl http://10.29.1.2:81/
# NEW connections to port 80 only
ip netns exec fw iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -j ACCEPT
ip netns exec far curl http://10.29.0.2/
ip netns exec far ping -c 1 10.29.0.2
ip netns exec fw conntrack -L
ip netns exec fw iptables -L INPUT -n -v
