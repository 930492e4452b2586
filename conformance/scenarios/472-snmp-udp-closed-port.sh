# SNMP counters of UDP to a closed port: the receiver's Udp NoPorts and InDatagrams stay
# apart, its ICMP port unreachable (OutDestUnreachs, OutType3) and the sender's
# InDestUnreachs; a UDP probe to the namespace's own address goes through lo.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.172.0.1/24 dev eth0
ip -n b addr add 10.172.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec a traceroute -n 10.172.0.2
ip netns exec a traceroute -n -m 2 10.172.0.2
ip netns exec a traceroute -n 10.172.0.1
ip netns exec a cat /proc/net/snmp
ip netns exec a netstat -s
ip netns exec a ss -s
ip netns exec b cat /proc/net/snmp
ip netns exec b netstat -s
