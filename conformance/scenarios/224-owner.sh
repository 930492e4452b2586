# -m owner in OUTPUT: the lab's programs (ping, curl, the HTTP server) run as root, so their
# packets match --uid-owner 0 / --gid-owner 0; what the kernel sends itself (echo replies,
# resets, ICMP errors) has a socket but no owner, so only inverted options and --socket-exists
# match it.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b python3 -m http.server 8080 &
ip netns exec a iptables -A OUTPUT -p icmp -m owner --uid-owner 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -p icmp -m owner ! --uid-owner 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -p icmp -m owner --uid-owner 1000-2000 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec a iptables -R OUTPUT 1 -p tcp -m owner --gid-owner 0 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec a iptables -F OUTPUT
ip netns exec b iptables -A OUTPUT -p icmp -m owner --uid-owner 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -p icmp -m owner ! --uid-owner 0 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -p icmp -m owner --socket-exists -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -p icmp -m owner ! --socket-exists -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R OUTPUT 1 -p tcp -m owner --uid-owner 0 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R OUTPUT 1 -p tcp -m owner ! --uid-owner 0 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec a curl http://10.0.0.2:8081/
ip netns exec b iptables -t mangle -A POSTROUTING -p tcp -m owner --uid-owner 0 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -A INPUT -m owner --uid-owner 0
ip netns exec b iptables -A OUTPUT -m owner --suppl-groups
ip netns exec b iptables -S
