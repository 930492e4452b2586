# A stateful router: FORWARD policy DROP, NEW allowed only from the LAN, ESTABLISHED and
# RELATED allowed back. Pings, curls and traceroutes from the LAN work (the hops' ICMP errors
# are RELATED); nothing from outside gets in; with only ESTABLISHED, errors are lost.
ip netns add lan
ip netns add r
ip netns add r2
ip netns add wan
ip link add eth0 netns lan type veth peer name lan0 netns r
ip link add u netns r type veth peer name w netns r2
ip link add e netns r2 type veth peer name eth0 netns wan
ip -n lan addr add 10.88.0.2/24 dev eth0
ip -n r addr add 10.88.0.1/24 dev lan0
ip -n r addr add 100.64.88.1/24 dev u
ip -n r2 addr add 100.64.88.2/24 dev w
ip -n r2 addr add 203.0.113.1/24 dev e
ip -n wan addr add 203.0.113.88/24 dev eth0
ip -n lan link set eth0 up
ip -n r link set lan0 up
ip -n r link set u up
ip -n r2 link set w up
ip -n r2 link set e up
ip -n wan link set eth0 up
ip -n lan route add default via 10.88.0.1
ip -n r route add default via 100.64.88.2
ip -n r2 route add 10.88.0.0/24 via 100.64.88.1
ip -n wan route add default via 203.0.113.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r2 sysctl -w net.ipv4.ip_forward=1
ip netns exec wan python3 -m http.server 80 &
ip netns exec lan python3 -m http.server 80 &
ip netns exec r iptables -P FORWARD DROP
ip netns exec r iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec r iptables -A FORWARD -i lan0 -o u -m conntrack --ctstate NEW -j ACCEPT
ip netns exec lan ping -c 1 203.0.113.88
ip netns exec lan curl http://203.0.113.88/
ip netns exec lan traceroute -n 203.0.113.88
ip netns exec lan curl http://203.0.113.88:81/
ip netns exec lan ping -c 1 -t 2 203.0.113.88
ip netns exec wan ping -c 1 10.88.0.2
ip netns exec wan curl http://10.88.0.2/
ip netns exec lan ping -c 1 10.88.0.1
ip netns exec lan ping -c 1 100.64.88.2
ip netns exec r iptables -R FORWARD 1 -m state --state ESTABLISHED -j ACCEPT
ip netns exec lan ping -c 1 203.0.113.88
ip netns exec lan traceroute -n 203.0.113.88
ip netns exec lan curl http://203.0.113.88:81/
ip netns exec lan ping -c 1 -t 2 203.0.113.88
ip netns exec r conntrack -L
ip netns exec r iptables -I FORWARD 1 -p icmp -m conntrack --ctstate RELATED -j ACCEPT
ip netns exec lan ping -c 1 -t 2 203.0.113.88
ip netns exec lan traceroute -n 203.0.113.88
ip netns exec r iptables -A FORWARD -i u -o lan0 -p tcp --dport 80 -m conntrack --ctstate NEW -j ACCEPT
ip netns exec wan curl http://10.88.0.2/
ip netns exec wan ping -c 1 10.88.0.2
