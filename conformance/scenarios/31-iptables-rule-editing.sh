# Editing a chain rule by rule and watching a ping and a curl: -A, -I N, -R N, -D N,
# -D by specification, -F, -Z, -P, listing with -L -n -v --line-numbers and -S; and the
# refusals for indexes past the end and rules that do not exist.
ip netns add web
ip netns add client
ip link add eth0 netns web type veth peer name eth0 netns client
ip -n web addr add 10.31.0.1/24 dev eth0
ip -n client addr add 10.31.0.2/24 dev eth0
ip -n web link set eth0 up
ip -n client link set eth0 up
ip netns exec web python3 -m http.server 80 &
ip netns exec web iptables -A INPUT -p icmp -j DROP
ip netns exec client ping -c 1 10.31.0.1
ip netns exec web iptables -I INPUT 1 -s 10.31.0.2 -p icmp -j ACCEPT
ip netns exec client ping -c 1 10.31.0.1
ip netns exec web iptables -I INPUT 4 -p tcp -j DROP
ip netns exec web iptables -I INPUT 3 -p tcp -j DROP
ip netns exec client curl http://10.31.0.1/
ip netns exec web iptables -R INPUT 1 -s 10.31.0.2 -p icmp -j REJECT --reject-with icmp-net-prohibited
ip netns exec client ping -c 1 10.31.0.1
ip netns exec web iptables -R INPUT 5 -p icmp -j ACCEPT
ip netns exec web iptables -L INPUT -n -v --line-numbers
ip netns exec web iptables -D INPUT 1
ip netns exec client ping -c 1 10.31.0.1
ip netns exec web iptables -D INPUT -p icmp -j DROP
ip netns exec client ping -c 1 10.31.0.1
ip netns exec web iptables -D INPUT -p icmp -j DROP
ip netns exec web iptables -D INPUT 7
ip netns exec web iptables -D OUTPUT 1
ip netns exec client curl http://10.31.0.1/
ip netns exec web iptables -D INPUT 1
ip netns exec client curl http://10.31.0.1/
ip netns exec web iptables -Z
ip netns exec web iptables -P INPUT DROP
ip netns exec client ping -c 1 10.31.0.1
ip netns exec web iptables -A INPUT -p tcp --dport 80 -j ACCEPT
ip netns exec client curl http://10.31.0.1/
ip netns exec client ping -c 1 10.31.0.1
# -F empties the chain but keeps the policy
ip netns exec web iptables -F
ip netns exec client curl http://10.31.0.1/
ip netns exec web iptables -P INPUT ACCEPT
ip netns exec client curl http://10.31.0.1/
ip netns exec web iptables -S
ip netns exec web iptables -P OUTPUT REJECT
ip netns exec web iptables -t nat -P POSTROUTING DROP
