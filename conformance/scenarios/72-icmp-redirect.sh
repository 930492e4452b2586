# A router that forwards a packet back out the interface it came in on (r1 on the shared LAN,
# toward r2) sends an ICMP redirect (send_redirects=1) but still forwards: the ping replies.
# The sender's accept_redirects=1, so later packets may go to r2 directly.
ip netns add h
ip netns add r1
ip netns add r2
ip link add br0 type bridge
ip link set br0 up
ip link add ph type veth peer name eth0 netns h
ip link add p1 type veth peer name eth0 netns r1
ip link add p2 type veth peer name eth0 netns r2
ip link set ph master br0
ip link set p1 master br0
ip link set p2 master br0
ip link set ph up
ip link set p1 up
ip link set p2 up
ip -n h addr add 10.72.0.2/24 dev eth0
ip -n r1 addr add 10.72.0.1/24 dev eth0
ip -n r2 addr add 10.72.0.3/24 dev eth0
ip -n r2 addr add 10.72.9.1/32 dev lo
ip -n h link set eth0 up
ip -n r1 link set eth0 up
ip -n r2 link set eth0 up
ip -n r2 link set lo up
ip -n h route add default via 10.72.0.1
ip -n r1 route add 10.72.9.0/24 via 10.72.0.3
ip netns exec r1 sysctl -w net.ipv4.ip_forward=1
ip netns exec h ping -c 1 10.72.9.1
ip netns exec h ping -c 1 10.72.0.3
ip netns exec h ping -c 1 10.72.9.1
ip netns exec h traceroute -n 10.72.9.1
ip netns exec h curl http://10.72.9.1/
ip netns exec r2 python3 -m http.server --bind 10.72.9.1 80 &
ip netns exec h curl http://10.72.9.1/
ip netns exec r2 ping -c 1 10.72.0.2
# a second host that has not talked to r2 yet: the first redirect only resolves r2's MAC,
# the second one is taken (ping -t 1 then reaches r2 directly)
ip netns add h2
ip link add ph2 type veth peer name eth0 netns h2
ip link set ph2 master br0
ip link set ph2 up
ip -n h2 addr add 10.72.0.4/24 dev eth0
ip -n h2 link set eth0 up
ip -n h2 route add default via 10.72.0.1
ip netns exec h2 ping -c 1 10.72.9.1
ip netns exec h2 ping -c 1 -t 1 10.72.9.1
ip netns exec h2 ping -c 1 -t 1 10.72.9.1
ip netns exec h2 ping -c 1 -t 1 10.72.9.1
ip netns exec h2 traceroute -n 10.72.9.1
# no redirects from r1 for a third host
ip netns exec r1 sysctl -w net.ipv4.conf.all.send_redirects=0
ip netns exec r1 sysctl -w net.ipv4.conf.eth0.send_redirects=0
ip netns add h3
ip link add ph3 type veth peer name eth0 netns h3
ip link set ph3 master br0
ip link set ph3 up
ip -n h3 addr add 10.72.0.5/24 dev eth0
ip -n h3 link set eth0 up
ip -n h3 route add default via 10.72.0.1
ip netns exec h3 ping -c 1 10.72.0.3
ip netns exec h3 ping -c 1 10.72.9.1
ip netns exec h3 ping -c 1 10.72.9.1
ip netns exec h3 traceroute -n 10.72.9.1
# a host that refuses redirects keeps going through r1 (send_redirects back on)
ip netns exec r1 sysctl -w net.ipv4.conf.all.send_redirects=1
ip netns exec h3 sysctl -w net.ipv4.conf.all.accept_redirects=0
ip netns exec h3 sysctl -w net.ipv4.conf.eth0.accept_redirects=0
ip netns exec h3 ping -c 1 10.72.9.1
ip netns exec h3 ping -c 1 10.72.9.1
ip netns exec h3 traceroute -n 10.72.9.1
