# User-defined chains: a jump runs the chain, RETURN (or falling off its end) goes back
# to the rule after the jump, and only a built-in chain has a policy. A chain can be
# deleted only when unreferenced; a jump loop is refused once a built-in chain reaches it.
ip netns add web
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 up
ip link add vweb type veth peer name eth0 netns web
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip link set vweb master br0
ip link set va master br0
ip link set vb master br0
ip link set vweb up
ip link set va up
ip link set vb up
ip -n web addr add 10.30.0.1/24 dev eth0
ip -n a addr add 10.30.0.2/24 dev eth0
ip -n b addr add 10.30.0.3/24 dev eth0
ip -n web link set eth0 up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec web python3 -m http.server 80 &
ip netns exec web iptables -N CHECK
ip netns exec web iptables -N CHECK
ip netns exec web iptables -A INPUT -j CHECK
ip netns exec web iptables -A INPUT -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec web iptables -A CHECK -s 10.30.0.3 -j RETURN
ip netns exec web iptables -A CHECK -p icmp -j DROP
ip netns exec a ping -c 1 10.30.0.1
ip netns exec b ping -c 1 10.30.0.1
ip netns exec a curl http://10.30.0.1/
# an ACCEPT inside the user chain ends the whole INPUT traversal
ip netns exec web iptables -I CHECK 1 -s 10.30.0.2 -p icmp -j ACCEPT
ip netns exec a ping -c 1 10.30.0.1
# RETURN in a built-in chain applies its policy
ip netns exec web iptables -P INPUT DROP
ip netns exec web iptables -I INPUT 1 -s 10.30.0.3 -j RETURN
ip netns exec b curl http://10.30.0.1/
ip netns exec a curl http://10.30.0.1/
ip netns exec web iptables -P CHECK DROP
ip netns exec web iptables -X CHECK
ip netns exec web iptables -F CHECK
ip netns exec web iptables -X CHECK
ip netns exec web iptables -D INPUT -j CHECK
ip netns exec web iptables -X CHECK
ip netns exec web iptables -X CHECK
ip netns exec web iptables -A INPUT -j CHECK
# a loop of jumps
ip netns exec web iptables -N PING
ip netns exec web iptables -N PONG
ip netns exec web iptables -A PING -j PONG
ip netns exec web iptables -A PONG -j PING
ip netns exec web iptables -A PING -j PING
ip netns exec web iptables -A INPUT -j INPUT
# the loop is only checked once a built-in chain can reach it
ip netns exec web iptables -A INPUT -j PING
ip netns exec web iptables -X PING
# a non-empty chain that nobody references
ip netns exec web iptables -N LONELY
ip netns exec web iptables -A LONELY -j ACCEPT
ip netns exec web iptables -X LONELY
ip netns exec web iptables -X NOSUCH
ip netns exec web iptables -S
ip netns exec web iptables -P INPUT ACCEPT
ip netns exec b ping -c 1 10.30.0.1
ip netns exec a ping -c 1 10.30.0.1
