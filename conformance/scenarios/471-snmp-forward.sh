# SNMP counters of a router: ForwDatagrams and OutRequests only where the packet is made,
# ICMP time exceeded (ping -t 1, traceroute) and net unreachable (no route: IpExt InNoRoutes)
# counted as the router's OutMsgs and the sender's InMsgs; the far end's UDP NoPorts from
# traceroute's last hop.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name e1 netns r
ip link add eth0 netns b type veth peer name e2 netns r
ip -n a addr add 10.171.1.2/24 dev eth0
ip -n r addr add 10.171.1.1/24 dev e1
ip -n r addr add 10.171.2.1/24 dev e2
ip -n b addr add 10.171.2.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set e1 up
ip -n r link set e2 up
ip -n a route add default via 10.171.1.1
ip -n b route add default via 10.171.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec a ping -c 1 10.171.2.2
ip netns exec a ping -c 1 10.171.2.2
ip netns exec a ping -c 1 -t 1 10.171.2.2
ip netns exec a ping -c 1 10.171.9.9
ip netns exec a traceroute -n 10.171.2.2
ip netns exec a cat /proc/net/snmp
ip netns exec a netstat -s
ip netns exec r cat /proc/net/snmp
ip netns exec r netstat -s
ip netns exec b cat /proc/net/snmp
ip netns exec b netstat -s
ip netns exec b ss -s
