# http.server bound to one address: 127.0.0.1 answers only from inside the namespace
# (another namespace's SYN to the veth address is reset); a server bound to the veth
# address is not reachable through 127.0.0.1; servers on the same port on two addresses.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.79.0.1/24 dev eth0
ip -n a addr add 10.79.0.11/24 dev eth0
ip -n b addr add 10.79.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a link set lo up
ip netns exec a python3 -m http.server --bind 127.0.0.1 80 &
ip netns exec a python3 -m http.server --bind 10.79.0.1 8080 &
ip netns exec a python3 -m http.server --bind 10.79.0.11 8080 &
ip netns exec a python3 -m http.server --bind 10.79.0.1 80 &
ip netns exec b curl http://10.79.0.1/
ip netns exec b curl http://10.79.0.11/
ip netns exec b curl http://127.0.0.1/
ip netns exec a curl http://127.0.0.1/
ip netns exec a curl http://10.79.0.1/
ip netns exec a curl http://127.0.0.1:8080/
ip netns exec a curl http://10.79.0.1:8080/
ip netns exec a curl http://10.79.0.11:8080/
ip netns exec b curl http://10.79.0.11:8080/
ip netns exec a curl http://127.0.0.2/
ip netns exec b python3 -m http.server --bind 10.79.0.1 80 &
ip netns exec a iptables -t nat -A PREROUTING -p tcp --dport 8888 -j DNAT --to-destination 127.0.0.1:80
ip netns exec b curl http://10.79.0.1:8888/
ip netns exec a sysctl -w net.ipv4.conf.eth0.route_localnet=1
ip netns exec b curl http://10.79.0.1:8888/
