# Odd but legal spellings of the dialect's commands, and near misses that are refused:
# octal and short dotted quads, intrapositioned `!`, upper-case protocols, lower-case
# states, interface wildcards, REJECT's short names, sysctl without -w or with several keys,
# names the kernel rejects, and devices that cannot move or be enslaved.
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name va netns r
ip link add eth0 netns b type veth peer name vb netns r
ip -n a addr add 10.95.1.010/24 dev eth0
ip -n b addr add 10.95.2.2/24 dev eth0
ip -n r addr add 10.95.1.1/24 dev va
ip -n r addr add 10.95.2/24 dev vb
ip -n r addr add 10.95.2.1/24 dev vb
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set va up
ip -n r link set vb up
ip -n a route add 0/0 via 10.95.1.1
ip -n b route add default via 10.95.2.1
ip -n b route add 10.95.9.0/24 via 10.95.2.255
ip -n b route add 10.95.10.0/24 via 10.95.2.0
ip -n b route add 10.95.11.0/24 via 0.0.0.0
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec b ping -c 1 10.95.1.8
ip netns exec r sysctl net.ipv4.ip_forward=0
ip netns exec b ping -c 1 10.95.1.8
ip netns exec r sysctl -w net.ipv4.ip_forward=0x1 net.ipv4.conf.all.rp_filter=1
ip netns exec b ping -c 1 10.95.1.8
ip netns exec r sysctl -w net.ipv4.ip_forward=yes
ip netns exec b python3 -m http.server 80 &
ip netns exec b python3 -m http.server 8080 &
# iptables
ip netns exec r iptables -A FORWARD -p ICMP -s ! 10.95.1.8 -j DROP
ip netns exec r iptables -A FORWARD -p ICMP ! -s 10.95.1.8 -j DROP
ip netns exec a ping -c 1 10.95.2.2
ip netns exec b ping -c 1 10.95.1.8
ip netns exec r iptables -A FORWARD -i v+ -p 1 -j REJECT --reject-with host-prohib
ip netns exec a ping -c 1 10.95.2.2
ip netns exec r iptables -I FORWARD -i va -p icmp -j REJECT --reject-with icmp-proto-unreachable
ip netns exec a ping -c 1 10.95.2.2
ip netns exec r iptables -F FORWARD
ip netns exec r iptables -A FORWARD -m conntrack --ctstate established,related -j ACCEPT
ip netns exec r iptables -A FORWARD -p 6 --dport http -j ACCEPT
ip netns exec r iptables -A FORWARD -p tcp --dport 8000:8079 -j ACCEPT
ip netns exec r iptables -A FORWARD -p tcp --dport 8081: -j ACCEPT
ip netns exec r iptables -A FORWARD -i vb+ -j ACCEPT
ip netns exec r iptables -A FORWARD -p tcp -j REJECT --reject-with tcp-rst
ip netns exec r iptables -P FORWARD DROP
ip netns exec a curl http://10.95.2.2/
ip netns exec a curl http://10.95.2.2:8080/
ip netns exec r iptables -I FORWARD 2 -p tcp -m multiport --dports webcache,9000:9100 -j ACCEPT
ip netns exec a curl http://10.95.2.02:8080/
ip netns exec b ping -c 1 10.95.1.8
ip netns exec a ping -c 1 10.95.2.2
ip netns exec r iptables -A FORWARD -p tcp --dport 80:79 -j ACCEPT
ip netns exec r iptables -A FORWARD -p tcp -m multiport --dports 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16 -j ACCEPT
ip netns exec r iptables -A FORWARD -m multiport --dports 80 -j ACCEPT
ip netns exec r iptables -A FORWARD -p icmp -j drop
ip netns exec r iptables -P FORWARD accept
ip netns exec r iptables -A FORWARD -s 10.95.1.0/255.255.255.0 -p icmp -j ACCEPT
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=0x20
ip netns exec b sysctl -w net.ipv4.ip_default_ttl=08
ip netns exec a ping -c 1 10.95.2.2
ip netns exec r iptables -I FORWARD -s 10.95.0.8/255.255.0.255 -p icmp -j REJECT --reject-with icmp-net-prohibited
ip netns exec a ping -c 1 10.95.2.2
ip netns exec a ping -c 1 10.95.513
ip netns exec r iptables -A INPUT -o va -j DROP
ip netns exec r iptables -N -chain
ip netns exec r iptables -N DROP
ip netns exec r iptables -t NAT -L
# names and devices
ip -n r link add br:0 type bridge
ip -n r link add . type bridge
ip -n r link add br/0 type bridge
ip -n r link add abcdefghijklmnop type bridge
ip -n r link add abcdefghijklmno type bridge
ip -n r link add x1 type veth peer name x1 netns a
ip -n r link set lo master abcdefghijklmno
ip -n r link set abcdefghijklmno netns a
ip -n r link set lo netns a
ip -n r link del lo
ip -n r link set x1 down up
ip -n r link set x1 master x1
ip netns add a/b
ip netns del nosuch
ip -n a link set x1 netns r
ip netns exec a ping -c 1 10.95.1.1
# probes with odd arguments still give probe records: ping's last stderr line is its error,
# the recorder's GET takes any scheme and port 0 as port 80
ip netns exec a ping -c 1 -t 0 10.95.1.1
ip netns exec a ping -c 1 -t 256 10.95.1.1
ip netns exec a ping -c 1 10.95.1.999
ip netns exec a ping -c 0 localhost
ip netns exec a traceroute -n -m 0 10.95.1.1
ip netns exec a curl http://10.95.2.2:0/
ip netns exec a curl https://10.95.2.2/
ip netns exec a curl http://10.95.2.2:99999/
# conntrack and neighbour commands
ip netns exec r conntrack -C
ip netns exec r conntrack -D -p udp -s 10.95.99.1
ip netns exec r conntrack -X
ip -n r neigh show dev nosuch
ip netns exec a ping -c 1 10.95.2.2
# show and formatting variants the tools accept
ip -br addr
ip -n r -j -d link show
ip -stat link show up
ip -n r link show type veth
ip -n r link show master nosuch
ip netns ls
ip netns exec r iptables-save
ip netns exec r iptables -V
ip netns exec r sysctl -e net.ipv4.nosuch
ip netns exec r bridge -d link show
ip netns exec a ping -c 1 10.95.1.1
