# DNS on the wire. glibc's stub resolver (ping -4 NAME: AF_INET, an A query alone; without -4
# glibc sends A and AAAA, in an order that varies from run to run) asks dnsmasq with RD set;
# dnsmasq (--no-resolv: its own names only) answers its name and every name below it with AA
# and TTL 0, the answer pointing back at the question (0xc00c); a name it does not hold is
# refused, and the stub asks again from the same port before ping gives up. tcpdump prints
# each message on both sides.
ip netns add dns
ip netns add cli
ip link add eth0 netns cli type veth peer name eth0 netns dns
ip -n dns addr add 10.40.0.1/24 dev eth0
ip -n dns link set eth0 up
ip -n cli addr add 10.40.0.2/24 dev eth0
ip -n cli link set eth0 up
ip netns exec dns dnsmasq -k --no-resolv --address=/db.lab/10.40.0.1 &
echo nameserver 10.40.0.1 > /etc/resolv.conf
echo options single-request >> /etc/resolv.conf
ip netns exec cli tcpdump -n -i eth0 udp &
ip netns exec dns tcpdump -n -vv -i eth0 udp port 53 &
ip netns exec cli ping -c 1 db.lab
ip netns exec cli ping -c 1 www.db.lab
ip netns exec cli ping -c 1 nosuch.lab
