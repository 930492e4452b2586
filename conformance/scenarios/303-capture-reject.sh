# REJECT on a router's FORWARD chain, seen on the wire: the echo request comes in and an
# ICMP error goes back in its place, port unreachable first, then admin prohibited; the
# server's side sees nothing but the router's own ARP.
ip netns add client
ip netns add router
ip netns add server
ip link add eth0 netns client type veth peer name c0 netns router
ip link add eth0 netns server type veth peer name s0 netns router
ip -n router addr add 10.33.1.1/24 dev c0
ip -n router addr add 10.33.2.1/24 dev s0
ip -n router link set c0 up
ip -n router link set s0 up
ip netns exec router sysctl -w net.ipv4.ip_forward=1
ip -n client addr add 10.33.1.2/24 dev eth0
ip -n client link set eth0 up
ip -n client route add default via 10.33.1.1
ip -n server addr add 10.33.2.2/24 dev eth0
ip -n server link set eth0 up
ip -n server route add default via 10.33.2.1
ip netns exec router iptables -A FORWARD -d 10.33.2.2 -j REJECT
ip netns exec router tcpdump -n -e -l -i c0 &
ip netns exec router tcpdump -n -l -i s0 &
ip netns exec client ping -c 1 10.33.2.2
ip netns exec router iptables -R FORWARD 1 -d 10.33.2.2 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec client ping -c 1 10.33.2.2
