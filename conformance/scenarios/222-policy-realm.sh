# Matches that ask what the lab's packets never have: -m policy (no IPsec here, so --pol none
# matches every packet and --pol ipsec none) and -m realm (no route carries a realm: every
# packet's realm is 0, cosmos). Their direction and hook limits are the kernel's.
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
ip netns exec b iptables -A INPUT -p icmp -m policy --dir in --pol ipsec -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m policy --dir in --pol none -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m policy --dir in --pol ipsec --strict --proto esp --mode tunnel --tunnel-src 10.0.0.0/24 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F INPUT
ip netns exec b iptables -A OUTPUT -p icmp -m policy --dir out --pol none -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -F OUTPUT
ip netns exec b iptables -A INPUT -p icmp -m realm --realm cosmos -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m realm --realm 0x1/0xff -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -R INPUT 1 -p icmp -m realm ! --realm 7 -j DROP
ip netns exec a ping -c 1 -W 1 10.0.0.2
ip netns exec b iptables -A OUTPUT -m policy --dir in --pol none
ip netns exec b iptables -A INPUT -m policy --dir out --pol none
ip netns exec b iptables -t mangle -A PREROUTING -m realm --realm 1
ip netns exec b iptables -A INPUT -m policy --dir in --pol none --strict
ip netns exec b iptables -S
