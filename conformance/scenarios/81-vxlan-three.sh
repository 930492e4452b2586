# VXLAN across three namespaces with one `remote` each toward a hub: a and c point at b,
# b has no remote and learns both from the first frames in; a never reaches c (b's VTEP
# does not forward between remotes). `local` and `dev` pin the underlay source.
ip netns add a
ip netns add b
ip netns add c
ip link add br0 type bridge
ip link set br0 up
ip link add pa type veth peer name eth0 netns a
ip link add pb type veth peer name eth0 netns b
ip link add pc type veth peer name eth0 netns c
ip link set pa master br0
ip link set pb master br0
ip link set pc master br0
ip link set pa up
ip link set pb up
ip link set pc up
ip -n a addr add 10.81.0.1/24 dev eth0
ip -n b addr add 10.81.0.2/24 dev eth0
ip -n b addr add 10.81.0.22/24 dev eth0
ip -n c addr add 10.81.0.3/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n c link set eth0 up
ip -n a link add vx0 type vxlan id 81 dstport 4789 remote 10.81.0.2 local 10.81.0.1 dev eth0
ip -n b link add vx0 type vxlan id 81 dstport 4789 local 10.81.0.2 dev eth0
ip -n c link add vx0 type vxlan id 81 dstport 4789 remote 10.81.0.22 dev eth0
ip -n a addr add 192.168.81.1/24 dev vx0
ip -n b addr add 192.168.81.2/24 dev vx0
ip -n c addr add 192.168.81.3/24 dev vx0
ip -n a link set vx0 up
ip -n b link set vx0 up
ip -n c link set vx0 up
ip netns exec b ping -c 1 192.168.81.1
ip netns exec a ping -c 1 192.168.81.2
ip netns exec b ping -c 1 192.168.81.1
ip netns exec c ping -c 1 192.168.81.2
ip netns exec b ping -c 1 192.168.81.3
ip netns exec a ping -c 1 192.168.81.3
ip netns exec c ping -c 1 192.168.81.1
ip netns exec a traceroute -n 192.168.81.2
ip -n a link add vx1 type vxlan id 82 dstport 4789 remote 10.81.0.3 local 10.81.0.9 dev eth0
ip -n c link add vx1 type vxlan id 82 dstport 4789 remote 10.81.0.1 dev eth0
ip -n a addr add 192.168.82.1/24 dev vx1
ip -n c addr add 192.168.82.3/24 dev vx1
ip -n a link set vx1 up
ip -n c link set vx1 up
ip netns exec a ping -c 1 192.168.82.3
ip netns exec c ping -c 1 192.168.82.1
