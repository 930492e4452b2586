# ipvlan l3s: like l3, but the children's traffic passes the parent namespace's
# netfilter hooks, so an iptables rule in the host namespace filters it.
ip link add sw type bridge
ip link set sw up
ip netns add host
ip netns add ext
ip netns add c1
ip link add p-host type veth peer name eth0 netns host
ip link add p-ext type veth peer name eth0 netns ext
ip link set p-host master sw
ip link set p-ext master sw
ip link set p-host up
ip link set p-ext up
ip -n host addr add 10.62.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n ext addr add 10.62.0.10/24 dev eth0
ip -n ext link set eth0 up
ip -n ext route add 10.62.1.0/24 via 10.62.0.2
ip -n host link add iv1 link eth0 type ipvlan mode l3s
ip -n host link set iv1 netns c1
ip -n c1 addr add 10.62.1.1/24 dev iv1
ip -n c1 link set iv1 up
ip -n c1 route add default dev iv1
ip netns exec ext python3 -m http.server 80 &
ip netns exec c1 ping -c 1 10.62.0.10
ip netns exec ext ping -c 1 10.62.1.1
ip netns exec c1 curl http://10.62.0.10/
ip netns exec host iptables -A INPUT -d 10.62.1.1 -p icmp -j DROP
ip netns exec ext ping -c 1 10.62.1.1
ip netns exec c1 curl http://10.62.0.10/
ip netns exec host iptables -F INPUT
ip netns exec ext ping -c 1 10.62.1.1
