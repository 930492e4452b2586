# SNMP counters of TCP: a curl to an HTTP server (ActiveOpens on the client, PassiveOpens
# on the server, segments both ways) and a curl to a closed port (the server's OutRsts, the
# client's AttemptFails); ss -s counts the listener and the connection in TIME-WAIT.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.173.0.1/24 dev eth0
ip -n b addr add 10.173.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b python3 -m http.server --bind 10.173.0.2 80 &
ip netns exec a curl http://10.173.0.2/
ip netns exec a curl http://10.173.0.2:81/
ip netns exec a cat /proc/net/snmp
ip netns exec a netstat -s
ip netns exec a ss -s
ip netns exec b cat /proc/net/snmp
ip netns exec b netstat -s
ip netns exec b ss -s
