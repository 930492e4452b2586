# LOG in a namespace other than the machine's first writes nothing to the kernel log unless the
# global net.netfilter.nf_log_all_netns is set (a key only the first namespace has), yet its rule
# counts every packet it sees and the walk goes on: the next rule decides. Prefixes, levels and
# the --log-* flags change only what would be written.
ip netns add a
ip netns add r
ip netns add b
ip link add va netns a type veth peer name ra netns r
ip link add vb netns b type veth peer name rb netns r
ip -n a addr add 10.35.1.2/24 dev va
ip -n r addr add 10.35.1.1/24 dev ra
ip -n r addr add 10.35.2.1/24 dev rb
ip -n b addr add 10.35.2.2/24 dev vb
ip -n a link set va up
ip -n r link set ra up
ip -n r link set rb up
ip -n b link set vb up
ip -n a route add default via 10.35.1.1
ip -n b route add default via 10.35.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl net.netfilter.nf_log_all_netns
ip netns exec r sysctl -w net.netfilter.nf_log_all_netns=1
ip netns exec r iptables -A FORWARD -p icmp -j LOG --log-prefix "FWD: " --log-level info
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -s 10.35.2.2 -j LOG --log-prefix "DROP: " --log-ip-options
ip netns exec r iptables -A FORWARD -p icmp --icmp-type echo-request -s 10.35.2.2 -j DROP
ip netns exec r iptables -A FORWARD -p tcp --syn -j LOG --log-tcp-sequence --log-tcp-options --log-macdecode
ip netns exec r iptables -A INPUT -j LOG --log-uid --log-level 7
ip netns exec r iptables -A OUTPUT -j LOG --log-prefix "OUT " --log-level emerg
ip netns exec b python3 -m http.server 80 &
ip netns exec a ping -c 1 10.35.2.2
ip netns exec b ping -c 1 10.35.1.2
ip netns exec a ping -c 1 10.35.1.1
ip netns exec a curl http://10.35.2.2/
ip netns exec a traceroute -n -m 3 10.35.2.2
ip netns exec r iptables -L -v -n -x
ip netns exec r iptables -S
ip netns exec r iptables -D FORWARD 3
ip netns exec b ping -c 1 10.35.1.2
ip netns exec r iptables -L FORWARD -v -n -x
