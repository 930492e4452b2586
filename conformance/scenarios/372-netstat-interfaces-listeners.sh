# netstat -i and ifconfig -s (net-tools 2.10): one line a device with the counters of
# /proc/net/dev and the flag letters of ife_print_short (B L M P O R U), up devices only
# unless -a; netstat -l[tu]n: the listening sockets of the namespace (an http.server's TCP
# socket in LISTEN), with the header of the families asked for.
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip link set v0 address 02:00:00:00:72:01
ip -n a link set v1 address 02:00:00:00:72:02
ip addr add 10.72.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.72.0.2/24 dev v1
ip -n a link set v1 up
ip -n a link set lo up
ip link add w0 type veth peer name w1
ip link set w0 up
ip link set w0 promisc on
ip netns exec a python3 -m http.server 8000 &
ip netns exec a python3 -m http.server --bind 10.72.0.2 80 &
ping -c 1 10.72.0.2
netstat -i
netstat -ia
ifconfig -s
ifconfig -a -s
ifconfig -s v0
ip netns exec a netstat -i
ip netns exec a netstat -tln
ip netns exec a netstat -ltn
ip netns exec a netstat -tuln
ip netns exec a netstat -uln
netstat -tln
