# A TCP connection through a router that DNATs a published port and masquerades what leaves,
# captured with -v on both sides: the addresses and ports change, the TTL drops by one, and
# the checksum the device was left to finish still holds the pseudo-header's sum, now of the
# translated addresses (NAT updates it as it updates the addresses).
ip netns add cli
ip netns add rtr
ip netns add srv
ip link add eth0 netns cli type veth peer name left netns rtr
ip link add eth0 netns srv type veth peer name right netns rtr
ip -n cli addr add 10.44.1.1/24 dev eth0
ip -n rtr addr add 10.44.1.254/24 dev left
ip -n rtr addr add 10.44.2.254/24 dev right
ip -n srv addr add 10.44.2.1/24 dev eth0
ip -n cli link set eth0 up
ip -n rtr link set left up
ip -n rtr link set right up
ip -n srv link set eth0 up
ip -n cli route add default via 10.44.1.254
ip netns exec rtr sysctl -w net.ipv4.ip_forward=1
ip netns exec rtr iptables -t nat -A PREROUTING -d 10.44.1.254 -p tcp --dport 8080 -j DNAT --to-destination 10.44.2.1:8000
ip netns exec rtr iptables -t nat -A POSTROUTING -o right -j MASQUERADE
ip netns exec srv python3 -m http.server --bind 10.44.2.1 8000 &
ip netns exec cli tcpdump -n -l -v -i eth0 tcp &
ip netns exec srv tcpdump -n -l -v -i eth0 tcp &
ip netns exec rtr tcpdump -n -l -i any tcp &
ip netns exec cli curl http://10.44.1.254:8080/
