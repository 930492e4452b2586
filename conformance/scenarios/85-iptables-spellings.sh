# iptables option spellings and command combinations: long options, `-m icmp --icmp-type`
# by name and number, `-p icmp --icmp-type 8` without -m, `-m state` and `-m conntrack`,
# LOG with a prefix, `-I CHAIN N`, `-F -X -Z` in one table, `-L -n -v` of nat, `-S CHAIN`,
# and the forms iptables refuses.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.85.0.1/24 dev eth0
ip -n b addr add 10.85.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a python3 -m http.server 80 &
ip netns exec a iptables --append INPUT --protocol icmp --source 10.85.0.2 -m icmp --icmp-type echo-request -j DROP
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables --delete INPUT --protocol icmp --source 10.85.0.2 -m icmp --icmp-type echo-request -j DROP
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables -A INPUT -p icmp --icmp-type 8 -j REJECT
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables -I INPUT 1 -p icmp --icmp-type 8/0 -j LOG --log-prefix "ping in: "
ip netns exec a iptables -I INPUT 1 -p icmp -m icmp --icmp-type 8 -s 10.85.0.0/24 -m comment --comment "lan pings" -j ACCEPT
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables -F INPUT
ip netns exec a iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a iptables -A INPUT -p tcp -m state --state NEW --dport 80 -j ACCEPT
ip netns exec a iptables -A INPUT -i lo -j ACCEPT
ip netns exec a iptables --policy INPUT DROP
ip netns exec b curl http://10.85.0.1/
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a ping -c 1 10.85.0.2
ip netns exec a iptables -S INPUT
ip netns exec a iptables -t nat -A POSTROUTING -o eth0 -j MASQUERADE
ip netns exec a iptables -t nat -L -n -v
ip netns exec a iptables -t nat -F -X -Z
ip netns exec a iptables -F -X -Z
ip netns exec a iptables -Z INPUT
ip netns exec a iptables -L INPUT -n --line-numbers
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables -N trace-me
ip netns exec a iptables -A INPUT -j trace-me
ip netns exec a iptables -A trace-me -p icmp -j DROP
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables -F
ip netns exec a iptables -X
ip netns exec a iptables -X trace-me
ip netns exec b ping -c 1 10.85.0.1
ip netns exec a iptables -A INPUT -p icmp --icmp-type echo-bogus -j DROP
ip netns exec a iptables -A INPUT --dport 80 -j DROP
ip netns exec a iptables -A INPUT -m state --ctstate NEW -j DROP
ip netns exec a iptables -A INPUT -j LOG --log-level 9
ip netns exec a iptables -A INPUT -s 10.85.0.300 -j DROP
ip netns exec a iptables -I INPUT 0 -j DROP
ip netns exec a iptables -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
ip netns exec a iptables -A INPUT -p icmp -m state --state INVALID -j DROP
ip netns exec a iptables -D INPUT 2
ip netns exec a iptables -D INPUT 1
ip netns exec b ping -c 1 10.85.0.1
ip netns exec b curl http://10.85.0.1/
