# ip's short object names and optional words, all accepted by iproute2 6.1: `ip l`, `ip a`,
# `ip r`, `ip n`, `ip -4`, `link add … address MAC mtu N`, `set dev X up`, `addr add … brd +`,
# `broadcast B … label DEV:N`, `route add … proto static scope link`, `ip -n NS route get`,
# `ip route del default`, `ip link del dev X`, `ip netns list`; and a label that does not
# start with the device name, which ip refuses.
ip netns add a
ip netns add b
ip netns list
ip l add va address 02:00:00:00:70:01 mtu 1400 type veth peer name vb netns b
ip l set va netns a
ip -n a l set dev va up
ip -n b link set dev vb up
ip -n a a add 10.70.0.1/24 brd + dev va
ip -n b addr add 10.70.0.2/24 broadcast 10.70.0.255 dev vb label vb:1
ip -n b addr add 10.70.1.2/24 dev vb label other
ip -n a -4 a show
ip -n a r add 10.70.9.0/24 dev va proto static scope link
ip -n b r add default via 10.70.0.1 proto static
ip -n a -4 r
ip -n a n
ip netns exec a ping -c 1 10.70.0.2
ip netns exec b ping -c 1 10.70.0.1
ip netns exec a ping -c 1 10.70.9.5
ip -n b route get 10.70.9.5
ip netns exec b ping -c 1 10.70.5.5
ip -n b route del default
ip netns exec b ping -c 1 10.70.5.5
ip -n b route del default
ip -n a r add 10.70.5.0/24 via 10.70.0.2 proto static metric 5
ip netns exec a ping -c 1 10.70.5.5
ip netns exec a traceroute -n 10.70.5.5
ip -n a link del dev va
ip netns exec b ping -c 1 10.70.0.1
ip netns exec a ping -c 1 10.70.0.2
ip -n b link show vb
