# ICMP errors with -v: tcpdump prints the outer IP header, then the error and, indented, the
# header of the datagram it quotes (its ttl as the router saw it, its protocol and length).
# A ping with ttl 1 dies at the router (time exceeded in-transit), a traceroute's UDP probes
# come back as time exceeded then port unreachable, and a REJECT answers host-prohibited.
# The probes themselves with -v and -vv: a UDP checksum left to the device is "bad".
ip netns add cli
ip netns add rtr
ip netns add srv
ip link add eth0 netns cli type veth peer name left netns rtr
ip link add eth0 netns srv type veth peer name right netns rtr
ip -n cli addr add 10.43.1.1/24 dev eth0
ip -n rtr addr add 10.43.1.254/24 dev left
ip -n rtr addr add 10.43.2.254/24 dev right
ip -n srv addr add 10.43.2.1/24 dev eth0
ip -n cli link set eth0 up
ip -n rtr link set left up
ip -n rtr link set right up
ip -n srv link set eth0 up
ip -n cli route add default via 10.43.1.254
ip -n srv route add default via 10.43.2.254
ip netns exec rtr sysctl -w net.ipv4.ip_forward=1
ip netns exec rtr iptables -A FORWARD -d 10.43.2.2 -j REJECT --reject-with icmp-host-prohibited
ip netns exec cli tcpdump -n -l -v -i eth0 icmp &
ip netns exec cli tcpdump -n -l -v -i eth0 udp &
ip netns exec rtr tcpdump -n -l -vv -i left udp &
ip netns exec cli ping -c 1 -t 1 10.43.2.1
ip netns exec cli traceroute -n -m 3 10.43.2.1
ip netns exec cli ping -c 1 10.43.2.2
