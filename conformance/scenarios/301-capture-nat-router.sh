# A ping through a masquerading router, captured on both sides of the router: the request
# leaves with the router's address as its source, the reply comes back to it and is
# un-NATed before it goes in. The router resolves both neighbours on the way.
ip netns add lan
ip netns add rtr
ip netns add wan
ip link add eth0 netns lan type veth peer name in0 netns rtr
ip link add eth0 netns wan type veth peer name out0 netns rtr
ip -n rtr addr add 192.168.31.1/24 dev in0
ip -n rtr addr add 203.0.113.1/24 dev out0
ip -n rtr link set in0 up
ip -n rtr link set out0 up
ip netns exec rtr sysctl -w net.ipv4.ip_forward=1
ip netns exec rtr iptables -t nat -A POSTROUTING -o out0 -j MASQUERADE
ip -n lan addr add 192.168.31.2/24 dev eth0
ip -n lan link set eth0 up
ip -n lan route add default via 192.168.31.1
ip -n wan addr add 203.0.113.2/24 dev eth0
ip -n wan link set eth0 up
ip netns exec rtr tcpdump -n -e -l -i in0 &
ip netns exec rtr tcpdump -n -e -l -i out0 &
ip netns exec lan ping -c 1 203.0.113.2
