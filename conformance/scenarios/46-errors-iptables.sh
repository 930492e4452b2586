# Refused iptables commands: unknown tables, chains and targets, targets that do not
# belong to the chain's table, missing or bad options, bad addresses and ports, policies
# that are not ACCEPT or DROP, and rules that do not exist. A valid rule among them works.
ip netns add web
ip netns add client
ip link add eth0 netns web type veth peer name eth0 netns client
ip -n web addr add 10.46.0.1/24 dev eth0
ip -n client addr add 10.46.0.2/24 dev eth0
ip -n web link set eth0 up
ip -n client link set eth0 up
ip netns exec web iptables -t nosuch -L
ip netns exec web iptables -A NOSUCH -j ACCEPT
ip netns exec web iptables -A INPUT -j NOSUCHTARGET
ip netns exec web iptables -A INPUT -j MASQUERADE
ip netns exec web iptables -A INPUT -j SNAT --to-source 10.46.0.1
ip netns exec web iptables -t nat -A PREROUTING -j SNAT --to-source 10.46.0.1
ip netns exec web iptables -t nat -A POSTROUTING -j DNAT --to-destination 10.46.0.2
ip netns exec web iptables -t nat -A INPUT -j DNAT --to-destination 10.46.0.2
ip netns exec web iptables -t nat -A PREROUTING -j DNAT
ip netns exec web iptables -t nat -A PREROUTING -p tcp -j DNAT --to-destination 10.46.0.300
ip netns exec web iptables -t nat -A FORWARD -j ACCEPT
ip netns exec web iptables -A INPUT -s 10.46.0.0/33 -j DROP
ip netns exec web iptables -A INPUT -p tcp --dport 70000 -j DROP
ip netns exec web iptables -A INPUT --dport 80 -j DROP
ip netns exec web iptables -A INPUT -p nosuchproto -j DROP
ip netns exec web iptables -A INPUT -j REJECT --reject-with icmp-nosuch
ip netns exec web iptables -A INPUT -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j DROP
ip netns exec web iptables -A INPUT -m state --state NOSUCH -j DROP
ip netns exec web iptables -A INPUT -m addrtype --dst-type NOSUCH -j DROP
ip netns exec web iptables -A INPUT -m nosuchmatch -j DROP
ip netns exec web iptables -P INPUT RETURN
ip netns exec web iptables -P NOSUCH DROP
ip netns exec web iptables -F NOSUCH
ip netns exec web iptables -Z NOSUCH
ip netns exec web iptables -L NOSUCH
ip netns exec web iptables -N INPUT
ip netns exec web iptables -X INPUT
ip netns exec web iptables -D INPUT -s 10.46.0.2 -j DROP
ip netns exec web iptables -D INPUT 1
ip netns exec web iptables -I INPUT 2 -j DROP
ip netns exec web iptables -R INPUT 1 -j DROP
ip netns exec web iptables -A INPUT -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec client ping -c 1 10.46.0.1
ip netns exec web iptables -S
ip netns exec web iptables -t nat -S
