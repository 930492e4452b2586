# Route types as iproute2 reads them. `local` makes a whole prefix this namespace's own (AnyIP):
# it answers pings and connections to every address in it, replying from the address asked;
# iproute2 puts a local route in table local with scope host unless told otherwise, a local
# route needs a device and takes no gateway. A local default in main answers for everything a
# longer prefix does not claim. throw/blackhole/unreachable/prohibit take no device; nat and
# xresolve are refused.
ip netns add h
ip netns add net
ip link add eth0 netns h type veth peer name up0 netns net
ip -n h addr add 203.0.113.2/24 dev eth0
ip -n net addr add 203.0.113.1/24 dev up0
ip -n h link set eth0 up
ip -n net link set up0 up
ip -n net link set lo up
ip -n h route add default via 203.0.113.1
ip -n net route add local 198.51.100.0/24 dev lo
ip -n net route show table local
ip -n net route show
ip netns exec h ping -c 1 198.51.100.7
ip netns exec h ping -c 1 198.51.100.200
ip netns exec net python3 -m http.server 80 &
ip netns exec h curl http://198.51.100.9/
ip netns exec h curl http://198.51.100.9:443/
ip netns exec h traceroute -n 198.51.100.44
ip netns exec h ping -c 1 192.0.2.1
ip -n net route get 198.51.100.3
ip netns exec net ping -c 1 198.51.100.5
# a local default in main: every address is ours unless a longer prefix says otherwise
ip -n net route add local default dev lo table main
ip -n net route show
ip -n net route get 8.8.8.8
ip -n net route get 203.0.113.2
ip netns exec h ping -c 1 192.0.2.1
ip netns exec h ping -c 1 8.8.8.8
ip netns exec h curl http://8.8.8.8/
ip netns exec h traceroute -n 1.1.1.1
# refusals
ip -n net route add local 192.0.2.0/24
ip -n net route add local 192.0.2.0/24 via 203.0.113.2
ip -n net route add local 192.0.2.0/24 dev lo scope link
ip -n net route add 192.0.2.0/24 dev lo scope bogus
ip -n net route add nat 10.9.0.0/16 via 203.0.113.2
ip -n net route add xresolve 10.9.0.0/16 dev lo
ip -n net route add throw 10.50.0.0/16 dev lo
ip -n net route add blackhole 10.51.0.0/16 via 203.0.113.2
ip -n net route add local 10.60.0.1 dev lo table 100
ip -n net route add broadcast 10.61.0.255 dev lo
ip -n net route show table all
# del of a local route finds it in table local without being told
ip -n net route del local 198.51.100.0/24
ip -n net route show table local
ip netns exec h ping -c 1 198.51.100.7
# scope on ordinary routes: a gateway needs a link-scope way to it
ip -n h route add 10.70.0.0/16 via 203.0.113.1 scope link
ip -n h route add 10.71.0.0/16 dev eth0 scope global
ip -n h route add 10.72.0.0/16 dev eth0 scope host
ip -n h route add 10.73.0.0/16 via 10.72.0.9
ip -n h route add 10.74.0.0/16 via 10.71.0.9
ip -n h route show
