# Reverse-path filtering on a router with asymmetric paths: the client sends from the
# address of its second link out of its first link. rp_filter 0 forwards it, strict (1)
# drops it because the route back to that source leaves by another interface, loose (2)
# accepts any source the router can route to. The value used is max(all, interface).
ip netns add client
ip netns add server
ip link add r1 type veth peer name c1 netns client
ip link add r2 type veth peer name c2 netns client
ip link add r9 type veth peer name eth0 netns server
ip addr add 10.34.1.1/24 dev r1
ip addr add 10.34.2.1/24 dev r2
ip addr add 10.34.9.1/24 dev r9
ip link set r1 up
ip link set r2 up
ip link set r9 up
sysctl -w net.ipv4.ip_forward=1
ip -n client addr add 10.34.1.2/24 dev c1
ip -n client addr add 10.34.2.2/24 dev c2
ip -n client link set c1 up
ip -n client link set c2 up
ip -n client route add 10.34.9.0/24 via 10.34.1.1 src 10.34.2.2
ip -n server addr add 10.34.9.2/24 dev eth0
ip -n server link set eth0 up
ip -n server route add default via 10.34.9.1
ip netns exec server python3 -m http.server 80 &
ip netns exec client ping -c 1 10.34.9.2
ip netns exec client curl http://10.34.9.2/
sysctl -w net.ipv4.conf.all.rp_filter=1
ip netns exec client ping -c 1 10.34.9.2
ip netns exec client curl http://10.34.9.2/
ip netns exec client traceroute -n 10.34.9.2
# the router's own address on r2, asked for through r1, is local: not forwarded
ip netns exec client ping -c 1 10.34.2.1
sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec client ping -c 1 10.34.9.2
ip netns exec client curl http://10.34.9.2/
# all=0 with r1=1: the interface value wins (max)
sysctl -w net.ipv4.conf.all.rp_filter=0
sysctl -w net.ipv4.conf.r1.rp_filter=1
ip netns exec client ping -c 1 10.34.9.2
# all=2 with r1=1: loose wins
sysctl -w net.ipv4.conf.all.rp_filter=2
ip netns exec client ping -c 1 10.34.9.2
# loose still drops a source the router cannot route at all
ip -n client addr add 192.0.2.77/32 dev lo
ip -n client route replace 10.34.9.0/24 via 10.34.1.1 src 192.0.2.77
ip netns exec client ping -c 1 10.34.9.2
sysctl -w net.ipv4.conf.all.rp_filter=0
sysctl -w net.ipv4.conf.r1.rp_filter=0
ip netns exec client ping -c 1 10.34.9.2
sysctl net.ipv4.conf.r1.rp_filter
sysctl net.ipv4.conf.default.rp_filter
