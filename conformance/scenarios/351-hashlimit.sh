# -m hashlimit: one token bucket per flow, the flow being the fields --hashlimit-mode names. Per
# source address, each sender has its own burst; under --hashlimit-srcmask 16 both senders share
# one; with no mode every packet shares one. --hashlimit-above inverts the match; an entry idle
# past --hashlimit-htable-expire goes at the next garbage collection and its flow starts full
# again. Rules naming one table share it. The probes are 1.5 s apart, the rates per minute or hour.
ip netns add a
ip netns add c
ip netns add b
ip link add va netns a type veth peer name vb1 netns b
ip link add vc netns c type veth peer name vb2 netns b
ip -n a addr add 10.36.1.2/24 dev va
ip -n c addr add 10.36.2.2/24 dev vc
ip -n b addr add 10.36.1.1/24 dev vb1
ip -n b addr add 10.36.2.1/24 dev vb2
ip -n a link set va up
ip -n c link set vc up
ip -n b link set vb1 up
ip -n b link set vb2 up
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-upto 1/min --hashlimit-burst 2 --hashlimit-mode srcip --hashlimit-name persrc -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j DROP
ip netns exec a ping -c 1 10.36.1.1
ip netns exec a ping -c 1 10.36.1.1
ip netns exec a ping -c 1 10.36.1.1
ip netns exec c ping -c 1 10.36.2.1
ip netns exec c ping -c 1 10.36.2.1
ip netns exec c ping -c 1 10.36.2.1
ip netns exec b iptables -I INPUT 2 -p icmp --icmp-type echo-request -s 10.36.2.2 -m hashlimit --hashlimit-upto 1/hour --hashlimit-burst 9 --hashlimit-mode srcip --hashlimit-name persrc -j ACCEPT
ip netns exec c ping -c 1 10.36.2.1
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-upto 1/hour --hashlimit-burst 2 --hashlimit-mode srcip,dstip --hashlimit-srcmask 16 --hashlimit-dstmask 8 --hashlimit-name wide -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j DROP
ip netns exec a ping -c 1 10.36.1.1
ip netns exec c ping -c 1 10.36.2.1
ip netns exec c ping -c 1 10.36.2.1
ip netns exec a ping -c 1 10.36.1.1
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-above 1/hour --hashlimit-burst 1 --hashlimit-name all -j DROP
ip netns exec c ping -c 1 10.36.2.1
ip netns exec a ping -c 1 10.36.1.1
ip netns exec c ping -c 1 10.36.2.1
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -m hashlimit --hashlimit-upto 1/hour --hashlimit-burst 1 --hashlimit-mode srcip --hashlimit-htable-expire 2000 --hashlimit-name idle -j ACCEPT
ip netns exec b iptables -A INPUT -p icmp --icmp-type echo-request -j DROP
ip netns exec a ping -c 1 10.36.1.1
ip netns exec a ping -c 1 10.36.1.1
sleep 3
ip netns exec a ping -c 1 10.36.1.1
ip netns exec a ping -c 1 10.36.1.1
ip netns exec b iptables -S INPUT
ip netns exec b iptables -A INPUT -p udp -c 10 1000
ip netns exec b iptables -A INPUT -p tcp -c 10
ip netns exec b iptables -v -S INPUT
ip netns exec b iptables-save -c -t filter
