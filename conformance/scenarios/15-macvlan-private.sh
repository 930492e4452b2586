# macvlan private mode: children of one parent never talk to each other, not even when
# the switch hairpins their frames back; they do reach other machines on the LAN. The
# parent (the host's own eth0) cannot reach its macvlan children either.
ip link add sw type bridge
ip link set sw up
ip netns add host
ip netns add ext
ip netns add c3
ip netns add c4
ip link add p-host type veth peer name eth0 netns host
ip link add p-ext type veth peer name eth0 netns ext
ip link set p-host master sw
ip link set p-ext master sw
ip link set p-host up
ip link set p-ext up
ip -n host addr add 10.15.0.2/24 dev eth0
ip -n host link set eth0 up
ip -n ext addr add 10.15.0.10/24 dev eth0
ip -n ext link set eth0 up
ip -n host link add mv3 link eth0 type macvlan mode private
ip -n host link add mv4 link eth0 type macvlan mode private
ip -n host link set mv3 netns c3
ip -n host link set mv4 netns c4
ip -n c3 addr add 10.15.0.13/24 dev mv3
ip -n c4 addr add 10.15.0.14/24 dev mv4
ip -n c3 link set mv3 up
ip -n c4 link set mv4 up
ip netns exec c3 ping -c 1 10.15.0.10
ip netns exec ext ping -c 1 10.15.0.14
ip netns exec c3 ping -c 1 10.15.0.14
ip netns exec c3 ping -c 1 10.15.0.2
ip netns exec host ping -c 1 10.15.0.13
bridge link set dev p-host hairpin on
ip netns exec c3 ping -c 1 10.15.0.14
ip netns exec c4 ping -c 1 10.15.0.13
ip netns exec host ping -c 1 10.15.0.13
ip netns exec ext python3 -m http.server 80 &
ip netns exec c4 curl http://10.15.0.10/
ip netns exec c3 traceroute -n 10.15.0.10
