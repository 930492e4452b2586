# Linux is a weak host: an address belongs to the host, not to the interface, so a
# neighbour reaches the host's address on another interface (even with forwarding off),
# and the host answers ARP for it on any interface. Forwarding to the other side is
# what needs ip_forward. An address on a down interface still answers: its local route
# stays.
ip netns add a
ip netns add b
ip link add eth-a type veth peer name eth0 netns a
ip link add eth-b type veth peer name eth0 netns b
ip addr add 10.41.1.1/24 dev eth-a
ip addr add 10.41.2.1/24 dev eth-b
ip link set eth-a up
ip link set eth-b up
ip -n a addr add 10.41.1.2/24 dev eth0
ip -n b addr add 10.41.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a route add default via 10.41.1.1
ip -n b route add default via 10.41.2.1
python3 -m http.server 80 &
ip netns exec a ping -c 1 10.41.2.1
ip netns exec a curl http://10.41.2.1/
ip netns exec a traceroute -n 10.41.2.1
ip netns exec a ping -c 1 10.41.2.2
# on-link route: a asks by ARP on its own link for the address of eth-b
ip -n a route add 10.41.2.1/32 dev eth0
ip netns exec a ping -c 1 10.41.2.1
ip netns exec a ip neigh show
sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.41.2.2
ip netns exec a traceroute -n 10.41.2.2
# eth-b down: its address still answers through eth-a, but b is cut off
ip link set eth-b down
ip netns exec a ping -c 1 10.41.2.1
ip netns exec a curl http://10.41.2.1/
ping -c 1 10.41.2.1
ip netns exec a ping -c 1 10.41.2.2
ip netns exec b ping -c 1 10.41.1.1
# the host's own lo is up (the recorder brings it up, as on a real host)
ping -c 1 127.0.0.1
