# A router's FORWARD chain built out of order: policy DROP, `! -i`, -I at positions,
# multiport, REJECT tcp-reset vs the DROP policy, -R of a rule in the middle, a state rule
# inserted on top, and one user chain jumped to from INPUT, FORWARD and OUTPUT.
ip netns add a
ip netns add b
ip netns add r
ip netns add s
ip link add eth0 netns a type veth peer name wa netns r
ip link add eth0 netns b type veth peer name wb netns r
ip link add eth0 netns s type veth peer name ws netns r
ip -n a addr add 10.91.1.2/24 dev eth0
ip -n b addr add 10.91.2.2/24 dev eth0
ip -n s addr add 10.91.3.2/24 dev eth0
ip -n r addr add 10.91.1.1/24 dev wa
ip -n r addr add 10.91.2.1/24 dev wb
ip -n r addr add 10.91.3.1/24 dev ws
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n s link set eth0 up
ip -n r link set wa up
ip -n r link set wb up
ip -n r link set ws up
ip -n a route add default via 10.91.1.1
ip -n b route add default via 10.91.2.1
ip -n s route add default via 10.91.3.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec s python3 -m http.server 80 &
ip netns exec s python3 -m http.server 8080 &
ip netns exec s python3 -m http.server 9000 &
ip netns exec r iptables -P FORWARD DROP
ip netns exec r iptables -A FORWARD ! -i wa -j ACCEPT
ip netns exec a ping -c 1 10.91.3.2
ip netns exec b ping -c 1 10.91.3.2
ip netns exec s ping -c 1 10.91.1.2
ip netns exec r iptables -I FORWARD 1 -i wa -p tcp -m multiport --dports 80,8080 -j ACCEPT
ip netns exec a curl http://10.91.3.2/
ip netns exec a curl http://10.91.3.2:8080/
ip netns exec a curl http://10.91.3.2:9000/
ip netns exec r iptables -I FORWARD 2 -i wa -p tcp -j REJECT --reject-with tcp-reset
ip netns exec a curl http://10.91.3.2:9000/
ip netns exec r iptables -A FORWARD -i wa -p icmp -j REJECT --reject-with icmp-host-prohibited
ip netns exec a ping -c 1 10.91.3.2
ip netns exec a traceroute -n -m 3 10.91.3.2
ip netns exec r iptables -R FORWARD 2 -i wa -p udp -j REJECT
ip netns exec a traceroute -n -m 3 10.91.3.2
ip netns exec a curl http://10.91.3.2:9000/
ip netns exec r iptables -I FORWARD -m state --state ESTABLISHED,RELATED -j ACCEPT
ip netns exec s ping -c 1 10.91.1.2
ip netns exec a ping -c 1 10.91.3.2
# one user chain from three hooks
ip netns exec r iptables -N CHK
ip netns exec r iptables -A CHK -s 10.91.2.2 -p icmp -j DROP
ip netns exec r iptables -A CHK -d 10.91.2.2 -p tcp -j REJECT --reject-with tcp-reset
ip netns exec r iptables -I INPUT -j CHK
ip netns exec r iptables -I FORWARD 1 -j CHK
ip netns exec r iptables -A OUTPUT -j CHK
ip netns exec b ping -c 1 10.91.2.1
ip netns exec b ping -c 1 10.91.3.2
ip netns exec b python3 -m http.server 80 &
ip netns exec s curl http://10.91.2.2/
ip netns exec r curl http://10.91.2.2/
ip netns exec a curl http://10.91.3.2/
ip netns exec r iptables -D FORWARD 1
ip netns exec b ping -c 1 10.91.3.2
ip netns exec s curl http://10.91.2.2/
