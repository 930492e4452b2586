# net-tools as Debian 12 ships it: route -n and netstat -rn print the main table as the kernel
# lists it in /proc/net/route (no local or broadcast routes; a reject route with ! and dashes,
# a blackhole on *)
ip netns add a
ip link add v0 netns a type veth peer name v1 netns a
ip -n a addr add 10.74.0.1/24 dev v0
ip -n a addr add 10.74.0.2/24 dev v1
ip -n a link set v0 up
ip -n a link set v1 up
ip -n a route add default via 10.74.0.254 dev v0
ip -n a route add 192.0.2.0/24 via 10.74.0.9 metric 50
ip -n a route add 192.0.2.0/24 via 10.74.0.8 metric 70
ip -n a route add blackhole 203.0.113.0/24
ip -n a route add unreachable 198.51.100.7
ip -n a route add prohibit 198.51.100.8/30
ip -n a route add 172.16.0.0/12 dev v1 proto static
ip -n a route add 10.99.0.0/16 via 10.74.0.9 table 100
ip netns exec a route -n
ip netns exec a netstat -rn
ip netns exec a netstat -nr
ip netns exec a route -4n
ip -n a link set v1 down
ip netns exec a route -n
route -n
