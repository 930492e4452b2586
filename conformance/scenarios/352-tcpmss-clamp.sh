# -j TCPMSS on a router whose link to the server has MTU 1400: --clamp-mss-to-pmtu lowers the
# MSS option of the SYNs it forwards to the smaller MTU of the two routes less 40 (1360); the
# server offers its own route's MTU less 40 in the SYN-ACK. -m tcpmss counts the segments whose
# option lies in a range. Path-MTU clamping is refused in PREROUTING. Then --set-mss 1200 lowers
# both SYNs to 1200, and --set-mss 1400 raises none.
ip netns add cli
ip netns add r
ip netns add srv
ip link add eth0 netns cli type veth peer name eth0 netns r
ip link add eth1 netns r type veth peer name eth0 netns srv
ip -n cli addr add 10.52.1.2/24 dev eth0
ip -n r addr add 10.52.1.1/24 dev eth0
ip -n r addr add 10.52.2.1/24 dev eth1
ip -n srv addr add 10.52.2.2/24 dev eth0
ip -n r link set eth1 mtu 1400
ip -n srv link set eth0 mtu 1400
ip -n cli link set eth0 up
ip -n r link set eth0 up
ip -n r link set eth1 up
ip -n srv link set eth0 up
ip -n cli route add default via 10.52.1.1
ip -n srv route add default via 10.52.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r iptables -t mangle -A PREROUTING -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
ip netns exec r iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --clamp-mss-to-pmtu
ip netns exec r iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 1360
ip netns exec r iptables -t mangle -A FORWARD -p tcp -m tcpmss ! --mss 1000:1400
ip netns exec srv python3 -m http.server --bind 10.52.2.2 8000 &
ip netns exec srv tcpdump -n -l -i eth0 tcp &
ip netns exec cli tcpdump -n -l -i eth0 tcp &
ip netns exec cli curl http://10.52.2.2:8000/
ip netns exec r iptables -t mangle -L FORWARD -v -n -x
ip netns exec r iptables -t mangle -S
ip netns exec r iptables -t mangle -F FORWARD
ip netns exec r iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1200
ip netns exec r iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 1200
ip netns exec r iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 1201:65535
ip netns exec cli curl http://10.52.2.2:8000/
ip netns exec r iptables -t mangle -L FORWARD -v -n -x
ip netns exec r iptables -t mangle -F FORWARD
ip netns exec r iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN -j TCPMSS --set-mss 1400
ip netns exec r iptables -t mangle -A FORWARD -p tcp -m tcpmss --mss 1360:1460
ip netns exec cli curl http://10.52.2.2:8000/
ip netns exec r iptables -t mangle -L FORWARD -v -n -x
ip netns exec r iptables -t mangle -S FORWARD
