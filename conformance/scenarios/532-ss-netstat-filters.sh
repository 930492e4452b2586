# ss and netstat while servers listen and connections stand: ss's port and address filters
# (dport, sport, dst, src, with = and eq), state with -a and -4, -H, netstat -an / -ant / -anu /
# -tulpn / -at, before and after a connection nc holds and a curl's TIME-WAIT.
ip netns add srv
ip link add c0 type veth peer name eth0 netns srv
ip addr add 10.32.0.1/24 dev c0
ip link set c0 up
ip -n srv addr add 10.32.0.2/24 dev eth0
ip -n srv link set eth0 up
ip -n srv link set lo up
ip netns exec srv python3 -m http.server 80 &
ip netns exec srv python3 -m http.server --bind 127.0.0.1 8080 &
ip netns exec srv nc -l 9000 &
ip netns exec srv nc -lu 5353 &
ip netns exec srv netstat -an
ip netns exec srv netstat -ant
ip netns exec srv netstat -anu
ip netns exec srv netstat -tulpn
ip netns exec srv netstat -lt
ip netns exec srv ss -tln sport = :80
ip netns exec srv ss -tln sport = :http
ip netns exec srv ss -tln src 127.0.0.1
ip netns exec srv ss -uan
ip netns exec srv ss -tuna
nc 10.32.0.2 9000 &
curl http://10.32.0.2/
ip netns exec srv ss -tn
ip netns exec srv ss -tn dport = :9000
ip netns exec srv ss -tn sport = :9000
ip netns exec srv ss -tan sport eq :80
ip netns exec srv ss -tan dst 10.32.0.1
ip netns exec srv ss -ta state established
ip netns exec srv ss -4tan
ss -tn dport = :9000
ss -tan state time-wait
ss -Htn
netstat -ant
netstat -tn
ip netns exec srv netstat -an
ip netns exec srv netstat -at
