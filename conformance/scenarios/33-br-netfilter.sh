# br_netfilter: with net.bridge.bridge-nf-call-iptables=1 (the default here) frames that a
# bridge switches between two of its ports also traverse iptables FORWARD, so FORWARD DROP
# cuts containers on one bridge off from each other; with 0 only routed traffic is
# filtered. The setting belongs to each network namespace.
ip netns add a
ip netns add b
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.33.0.254/24 dev br0
ip link add va type veth peer name eth0 netns a
ip link add vb type veth peer name eth0 netns b
ip link set va master br0
ip link set vb master br0
ip link set va up
ip link set vb up
ip -n a addr add 10.33.0.1/24 dev eth0
ip -n b addr add 10.33.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
sysctl net.bridge.bridge-nf-call-iptables
ip netns exec a ping -c 1 10.33.0.2
iptables -P FORWARD DROP
ip netns exec a ping -c 1 10.33.0.2
ip netns exec a traceroute -n 10.33.0.2
# the host itself is reached through INPUT, not FORWARD
ip netns exec a ping -c 1 10.33.0.254
sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec a ping -c 1 10.33.0.2
sysctl -w net.bridge.bridge-nf-call-iptables=1
ip netns exec a ping -c 1 10.33.0.2
iptables -A FORWARD -i br0 -o br0 -p icmp -j ACCEPT
ip netns exec a ping -c 1 10.33.0.2
ip netns exec b python3 -m http.server 80 &
ip netns exec a curl http://10.33.0.2/
iptables -A FORWARD -i br0 -o br0 -p tcp --dport 80 -j ACCEPT
ip netns exec a curl http://10.33.0.2/
# the replies come from port 80: they need a rule of their own, or conntrack's
iptables -A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec a curl http://10.33.0.2/
iptables -A FORWARD -s 10.33.0.1 -d 10.33.0.2 -j REJECT --reject-with icmp-host-prohibited
ip netns exec a curl http://10.33.0.2:81/
iptables -I FORWARD 1 -s 10.33.0.1 -d 10.33.0.2 -p icmp -j REJECT --reject-with icmp-admin-prohibited
ip netns exec a ping -c 1 10.33.0.2
# a bridge inside another namespace follows that namespace's own setting
ip netns add sw
ip netns add c
ip netns add d
ip -n sw link add br1 type bridge
ip -n sw link set br1 up
ip -n sw link add vc type veth peer name eth0 netns c
ip -n sw link add vd type veth peer name eth0 netns d
ip -n sw link set vc master br1
ip -n sw link set vd master br1
ip -n sw link set vc up
ip -n sw link set vd up
ip -n c addr add 10.33.1.1/24 dev eth0
ip -n d addr add 10.33.1.2/24 dev eth0
ip -n c link set eth0 up
ip -n d link set eth0 up
ip netns exec sw iptables -P FORWARD DROP
ip netns exec sw sysctl net.bridge.bridge-nf-call-iptables
ip netns exec c ping -c 1 10.33.1.2
ip netns exec sw sysctl -w net.bridge.bridge-nf-call-iptables=0
ip netns exec c ping -c 1 10.33.1.2
ip netns exec a ping -c 1 10.33.0.2
