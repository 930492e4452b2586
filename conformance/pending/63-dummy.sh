# Dummy devices: an address holder that accepts anything and delivers nothing. A host
# answers for an address on a dummy (weak host), routes through a dummy swallow packets
# silently, and a dummy has no peer and no carrier to lose.
ip netns add host
ip netns add client
ip link add eth0 netns host type veth peer name eth0 netns client
ip -n host addr add 10.63.0.1/24 dev eth0
ip -n client addr add 10.63.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n client link set eth0 up
ip -n host link add dum0 type dummy
ip -n host addr add 192.0.2.63/32 dev dum0
ip -n client route add 192.0.2.0/24 via 10.63.0.1
ip netns exec client ping -c 1 192.0.2.63
ip -n host link set dum0 up
ip netns exec client ping -c 1 192.0.2.63
ip netns exec host sysctl -w net.ipv4.ip_forward=1
ip -n host route add 198.51.100.0/24 dev dum0
ip -n client route add 198.51.100.0/24 via 10.63.0.1
ip netns exec client ping -c 1 198.51.100.9
ip netns exec client traceroute -n -m 3 198.51.100.9
ip netns exec host ping -c 1 198.51.100.9
ip -n host link add dum0 type dummy
ip -n host link del dum0
ip netns exec client ping -c 1 192.0.2.63
