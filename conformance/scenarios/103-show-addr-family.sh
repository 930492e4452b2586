# What `ip addr` prints with a family filter (-4, -0, -f inet|link: devices without an IPv4
# address left out, the link line only with -d), and an address's broadcast (brd +, brd -,
# brd ADDR) and label, in text, one line and JSON.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a link add d0 type veth peer name d1
ip -n a link set va up
ip -n a link set d0 up
ip -n a link set d1 up
ip -n a addr add 10.103.0.1/24 brd + dev va
ip -n a addr add 10.103.1.1/24 brd - dev va label va:x
ip -n a addr add 10.103.2.1/30 broadcast 10.103.2.3 dev d0
ip -n a addr add 10.103.3.1/31 brd + dev d0
ip -n a addr add 10.103.4.1/24 dev d0 label d0:one
ip -n a -4 addr
ip -n a -f inet addr show
ip -n a -0 addr
ip -n a -f link a
ip -n a -4 -d addr show dev va
ip -n a -4 -o addr
ip -n a -j -4 addr show dev d0
ip -n a -br -4 addr
ip -n b -4 addr
ip -n a -f foo addr
ip -n a addr add 10.103.5.1/24 brd 10.103.5 dev d0
ip -n a addr add 10.103.6.1/24 brd nonsense dev d0
ip -n a route show table local
