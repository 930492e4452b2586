# ss (iproute2 6.1) lists a namespace's TCP sockets: an http.server's socket in LISTEN with
# its backlog as Send-Q, the port as a service name unless -n, columns as wide as their
# widest field; -l, -a, state filters (one state drops the State column), -tu adds Netid,
# -H drops the header; a namespace without servers prints the header alone.
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip addr add 10.74.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.74.0.2/24 dev v1
ip -n a link set v1 up
ip -n a link set lo up
ip netns exec a python3 -m http.server 8000 &
ip netns exec a python3 -m http.server --bind 10.74.0.2 80 &
ping -c 1 10.74.0.2
ip netns exec a ss -tln
ip netns exec a ss -lnt
ip netns exec a ss -tl
ip netns exec a ss -tan
ip netns exec a ss -ta
ip netns exec a ss -t
ip netns exec a ss -tn
ip netns exec a ss -t state listening
ip netns exec a ss -tn state listening
ip netns exec a ss -tn state established
ip netns exec a ss -tn exclude listening
ip netns exec a ss -tuln
ip netns exec a ss -tua
ip netns exec a ss -uln
ip netns exec a ss -4tln
ip netns exec a ss -Htln
ip netns exec a ss --tcp --listening --numeric
ss -tln
ss -tuln
curl -s -o /dev/null -w '%{http_code}' http://10.74.0.2:8000/
ip netns exec a ss -tln
