# The sockets nc and curl leave, as netstat (-tlnp, -ulnp, -tanp, -tn, -atun) and conntrack
# see them: a connection nc holds (ESTABLISHED), a second one waiting in nc -k's backlog
# (CLOSE-WAIT once its client closed, FIN-WAIT-2 on the client), a scan's and a curl's
# TIME-WAIT on the side that closed first, and conntrack's ESTABLISHED and TIME_WAIT.
ip netns add b
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip link set va up
ip -n b addr add 10.0.0.2/24 dev vb
ip -n b link set vb up
ip -n b link set lo up
ip netns exec b iptables -A INPUT -m conntrack --ctstate INVALID -j DROP
ip netns exec b nc -lk 9000 &
ip netns exec b nc -l 9100 &
ip netns exec b python3 -m http.server 8000 &
ip netns exec b nc -lu 5353 &
ip netns exec b netstat -tlnp
ip netns exec b netstat -ulnp
nc 10.0.0.2 9000 &
ip netns exec b netstat -tanp
netstat -tnp
netstat -tn
ip netns exec b conntrack -L
nc -z 10.0.0.2 9000
ip netns exec b ss -tanp
ss -tan
nc -zv 10.0.0.2 9100
ip netns exec b netstat -tlnp
curl http://10.0.0.2:8000/
ip netns exec b netstat -tan
ip netns exec b netstat -atun
ip netns exec b conntrack -L
netstat -tuln
netstat -atn
