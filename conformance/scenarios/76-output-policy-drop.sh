# OUTPUT policy DROP: the sender's own packets fail with EPERM (ping prints "Operation not
# permitted"), lo included, until rules let them through; replies from others are INPUT.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.76.0.1/24 dev eth0
ip -n b addr add 10.76.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec b python3 -m http.server 80 &
ip netns exec a python3 -m http.server --bind 127.0.0.1 8000 &
ip netns exec a iptables -P OUTPUT DROP
ip netns exec a ping -c 1 10.76.0.2
ip netns exec a ping -c 1 127.0.0.1
ip netns exec a ping -c 1 10.76.0.1
ip netns exec a curl http://10.76.0.2/
ip netns exec a curl http://127.0.0.1:8000/
ip netns exec a traceroute -n 10.76.0.2
ip netns exec b ping -c 1 10.76.0.1
ip netns exec a iptables -A OUTPUT -o lo -j ACCEPT
ip netns exec a ping -c 1 127.0.0.1
ip netns exec a ping -c 1 10.76.0.1
ip netns exec a curl http://127.0.0.1:8000/
ip netns exec a ping -c 1 10.76.0.2
ip netns exec a iptables -A OUTPUT -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec b ping -c 1 10.76.0.1
ip netns exec b curl http://10.76.0.1:8000/
ip netns exec a iptables -A OUTPUT -p icmp -m icmp --icmp-type echo-request -j ACCEPT
ip netns exec a ping -c 1 10.76.0.2
ip netns exec a curl http://10.76.0.2/
ip netns exec a iptables -I OUTPUT 1 -p tcp --dport 80 -m comment --comment "web out" -j ACCEPT
ip netns exec a curl http://10.76.0.2/
ip netns exec a iptables -S OUTPUT
ip netns exec a iptables -L OUTPUT -n -v --line-numbers
