# -m recent: --set puts the source in a named list (with the time), --update / --rcheck look it up
# (--hitcount: that many times seen, --seconds: within so many seconds; --update also records this
# time when it matches), --remove takes it out, --rdest keys on the destination, ! inverts. The
# list is the namespace's, shared by the rules that name it (with the mask it was made with), and goes with the last of them.
ip netns add a
ip netns add b
ip netns add c
ip link add ab netns a type veth peer name ba netns b
ip link add cb netns c type veth peer name bc netns b
ip -n a addr add 10.0.1.2/24 dev ab
ip -n b addr add 10.0.1.1/24 dev ba
ip -n c addr add 10.0.2.2/24 dev cb
ip -n b addr add 10.0.2.1/24 dev bc
ip -n a link set ab up
ip -n b link set ba up
ip -n c link set cb up
ip -n b link set bc up
ip netns exec b iptables -A INPUT -p icmp -m recent --update --hitcount 3 --name PING -j DROP
ip netns exec b iptables -A INPUT -p icmp -m recent --set --name PING
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -I INPUT 1 -p icmp -s 10.0.1.2 -m recent --remove --name PING -j ACCEPT
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec b iptables -D INPUT 1
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp -m recent ! --rcheck --name PING -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec b iptables -A INPUT -p icmp -m recent --set --name SEEN
ip netns exec b iptables -I INPUT 1 -p icmp -m recent --rcheck --name SEEN -j ACCEPT
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -R INPUT 2 -p icmp -m recent ! --rcheck --name SEEN -j DROP
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp -m recent --set --name T
ip netns exec b iptables -A INPUT -p icmp -m recent --rcheck --seconds 1 --name T
ip netns exec b iptables -A OUTPUT -p icmp -m recent --rcheck --seconds 1 --rdest --name T -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec b iptables -R OUTPUT 1 -p icmp -m recent --rcheck --seconds 30 --rdest --name T -j DROP
ip netns exec a ping -c 1 -W 1 10.0.1.1
ip netns exec c ping -c 1 -W 1 10.0.2.1
ip netns exec b iptables -F OUTPUT
ip netns exec b iptables -A OUTPUT -p icmp -m recent --rcheck --seconds 30 --rdest --name T --mask 255.255.0.0 -j DROP
ip netns exec c ping -c 1 -W 1 10.0.2.1
