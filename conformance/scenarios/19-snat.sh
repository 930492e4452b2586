# SNAT on a router: forwarded traffic leaves with a fixed source address and conntrack
# undoes it on the way back. The upstream server has no route to the private LAN, so
# without SNAT nothing returns; SNAT to an address nobody owns fails just the same.
ip netns add pc
ip netns add srv
ip link add lan0 type veth peer name eth0 netns pc
ip link add up0 type veth peer name eth0 netns srv
ip addr add 10.19.0.1/24 dev lan0
ip addr add 203.0.113.1/24 dev up0
ip link set lan0 up
ip link set up0 up
ip -n pc addr add 10.19.0.2/24 dev eth0
ip -n pc link set eth0 up
ip -n pc route add default via 10.19.0.1
ip -n srv addr add 203.0.113.10/24 dev eth0
ip -n srv link set eth0 up
ip -n srv link set lo up
sysctl -w net.ipv4.ip_forward=1
ip netns exec srv python3 -m http.server 80 &
ip netns exec pc ping -c 1 203.0.113.10
ip netns exec pc curl http://203.0.113.10/
iptables -t nat -A POSTROUTING -s 10.19.0.0/24 -o up0 -j SNAT --to-source 203.0.113.1
ip netns exec pc ping -c 1 203.0.113.10
ip netns exec pc curl http://203.0.113.10/
ip netns exec pc traceroute -n 203.0.113.10
# the router's own traffic does not match -s 10.19.0.0/24
curl http://203.0.113.10/
# SNAT to an address that is not on the router: the replies have nowhere to go
iptables -t nat -R POSTROUTING 1 -s 10.19.0.0/24 -o up0 -j SNAT --to-source 203.0.113.99
ip netns exec pc curl http://203.0.113.10/
ip addr add 203.0.113.99/24 dev up0
ip netns exec pc curl http://203.0.113.10/
# the rule only matches packets leaving through up0
iptables -t nat -R POSTROUTING 1 -s 10.19.0.0/24 -o lan0 -j SNAT --to-source 203.0.113.1
ip netns exec pc curl http://203.0.113.10/
iptables -t nat -L -n -v --line-numbers
conntrack -L
