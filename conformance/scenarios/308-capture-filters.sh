# Capture filters on one veth while a host pings through a router and resolves its
# neighbours: ARP only, ICMP only, one host, echo requests only by ICMP type, the ARP
# replies alone by their opcode, and neither ARP nor echo replies.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip link add eth0 netns b type veth peer name rb netns r
ip -n r addr add 10.38.1.1/24 dev ra
ip -n r addr add 10.38.2.1/24 dev rb
ip -n r link set ra up
ip -n r link set rb up
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n a addr add 10.38.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n a route add default via 10.38.1.1
ip -n b addr add 10.38.2.2/24 dev eth0
ip -n b link set eth0 up
ip -n b route add default via 10.38.2.1
ip netns exec r tcpdump -n -l -i ra arp &
ip netns exec r tcpdump -n -l -i ra icmp &
ip netns exec r tcpdump -n -l -i rb host 10.38.2.2 and not arp &
ip netns exec r tcpdump -n -l -i ra 'icmp[icmptype] = icmp-echo' &
ip netns exec r tcpdump -n -e -l -i rb 'arp[6:2] = 2' &
ip netns exec r tcpdump -n -l -i ra 'not (arp or icmp[0] = 0)' &
ip netns exec a ping -c 1 10.38.2.2
ip netns exec a ping -c 1 10.38.1.1
