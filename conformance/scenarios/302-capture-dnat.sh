# DNAT seen on the wire: pings to the router's outside address are sent on to an inside
# host; the capture on each side shows the destination before and after, and the reply
# leaving with the router's address as its source again.
ip netns add cli
ip netns add rtr
ip netns add srv
ip link add eth0 netns cli type veth peer name out0 netns rtr
ip link add eth0 netns srv type veth peer name in0 netns rtr
ip -n rtr addr add 198.51.100.1/24 dev out0
ip -n rtr addr add 10.32.0.1/24 dev in0
ip -n rtr link set out0 up
ip -n rtr link set in0 up
ip netns exec rtr sysctl -w net.ipv4.ip_forward=1
ip netns exec rtr iptables -t nat -A PREROUTING -i out0 -d 198.51.100.1 -p icmp -j DNAT --to-destination 10.32.0.2
ip -n cli addr add 198.51.100.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv addr add 10.32.0.2/24 dev eth0
ip -n srv link set eth0 up
ip -n srv route add default via 10.32.0.1
ip netns exec rtr tcpdump -n -e -l -i out0 &
ip netns exec rtr tcpdump -n -e -l -i in0 &
ip netns exec cli ping -c 1 198.51.100.1
