# accept_local: a packet arriving from outside with a source address the namespace owns is a
# martian and dropped before INPUT (an ARP request naming such a sender too), unless the
# receiving device has accept_local on (or conf.all). The INPUT counter shows what arrived.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n b link set lo up
ip -n a addr add 10.244.0.2/24 dev eth0
ip -n a addr add 10.244.9.9/32 dev eth0
ip -n b addr add 10.244.0.1/24 dev eth0
ip -n b addr add 10.244.0.3/24 dev eth0
ip -n b addr add 10.244.9.9/32 dev lo
ip netns exec b iptables -A INPUT -s 10.244.9.9 -p icmp
ip netns exec a ping -c 1 -I 10.244.9.9 10.244.0.3
ip netns exec a ping -c 1 10.244.0.1
ip netns exec a ping -c 1 -I 10.244.9.9 10.244.0.1
ip netns exec b iptables -L INPUT -v -n
ip netns exec b sysctl -w net.ipv4.conf.eth0.accept_local=1
ip netns exec a ping -c 1 -I 10.244.9.9 10.244.0.1
ip netns exec b iptables -L INPUT -v -n
ip netns exec b sysctl -w net.ipv4.conf.eth0.accept_local=0
ip netns exec b sysctl -w net.ipv4.conf.all.accept_local=1
ip netns exec a ping -c 1 -I 10.244.9.9 10.244.0.1
ip netns exec b iptables -L INPUT -v -n
ip netns exec b sysctl -w net.ipv4.conf.all.accept_local=0
ip netns exec a ping -c 1 10.244.0.3
ip netns exec a ping -c 1 -I 10.244.9.9 10.244.0.3
ip netns exec b iptables -L INPUT -v -n
