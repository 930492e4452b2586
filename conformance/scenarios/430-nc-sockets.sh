# nc (netcat-openbsd 1.219): a listener (-l, -lk), a connection it holds, scans (-z) that
# succeed, are refused, time out or have no route, and the sockets they leave: LISTEN and ESTAB
# with their process (ss -p), TIME-WAIT on the side that closed first (nc -z's client, the
# HTTP server after curl).
ip netns add b
ip link add va type veth peer name vb netns b
ip addr add 10.0.0.1/24 dev va
ip link set va up
ip -n b addr add 10.0.0.2/24 dev vb
ip -n b link set vb up
ip -n b link set lo up
ip netns exec b nc -lnv 9000 &
ip netns exec b ss -tlnp
nc -v 10.0.0.2 9000 &
ss -tanp
ip netns exec b ss -tanp
ip netns exec b ss -tn state established
nc -zv 10.0.0.2 9001
nc -z 10.0.0.2 9001
nc -zvn 10.0.0.2 8080
ip netns exec b nc -lk 8080 &
nc -zv 10.0.0.2 8080
nc -zvn 10.0.0.2 8079-8081
ss -tan state time-wait
ip netns exec b ss -tlp
ip netns exec b ss -tan
nc -zv -w 1 10.0.0.9 80
nc -zv 10.0.9.9 80
nc -zv 10.0.0.2
nc -zv 10.0.0.2 http
nc -zv 10.0.0.2 http-alt
nc -s 10.0.0.1 -p 40000 -zv 10.0.0.2 8080
nc -s 10.0.0.7 -zv 10.0.0.2 8080
ss -tan
ip netns exec b python3 -m http.server 8000 &
curl http://10.0.0.2:8000/
ip netns exec b ss -tan state time-wait
ss -tan state time-wait
nc -zv 10.0.0.8 80
