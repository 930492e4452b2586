# tcpdump on a bridge port, on the bridge and in a namespace while two hosts on a bridge
# resolve each other and ping, then ping the bridge's own address. The bridge device sees
# the port-to-port traffic only because tcpdump makes it promiscuous.
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 up
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip link set va master br0 up
ip link set vb master br0 up
ip -n a addr add 10.30.0.1/24 dev eth0
ip -n a link set eth0 up
ip -n b addr add 10.30.0.2/24 dev eth0
ip -n b link set eth0 up
ip addr add 10.30.0.254/24 dev br0
tcpdump -n -e -l -i va &
tcpdump -n -e -l -i br0 &
ip netns exec b tcpdump -n -e -l -i eth0 &
ip netns exec a ping -c 1 10.30.0.2
ip netns exec a ping -c 1 10.30.0.254
