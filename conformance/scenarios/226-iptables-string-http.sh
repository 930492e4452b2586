# -m string on the HTTP request a curl sends: the pattern is searched in the datagram's bytes
# from --from up to --to, counted from the IP header (the request starts after 20 bytes of IP
# and 32 of TCP with timestamps); --icase folds letters; --algo bm and kmp find alike; ! inverts.
# A request rejected after the handshake leaves curl waiting (the ICMP error is soft on an
# established connection).
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b python3 -m http.server 8080 &
ip netns exec b iptables -A INPUT -p tcp --dport 8080 -m string --string "GET /secret" --algo bm -j REJECT
ip netns exec a curl http://10.0.0.2:8080/secret
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "get /SECRET" --algo kmp -j REJECT
ip netns exec a curl http://10.0.0.2:8080/secret
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "get /SECRET" --algo kmp --icase -j REJECT
ip netns exec a curl http://10.0.0.2:8080/secret
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "Host: 10.0.0.2" --algo bm -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "GET /" --algo bm --from 52 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "GET /" --algo bm --from 53 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "GET /" --algo bm --to 56 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "GET /" --algo bm --to 57 -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string ! --string "GET /" --algo bm -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --hex-string "|0d0a0d0a|" --algo bm -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -R INPUT 1 -p tcp --dport 8080 -m string --string "HTTP/1.1" --algo bm -j DROP
ip netns exec a curl http://10.0.0.2:8080/
ip netns exec b iptables -S INPUT
