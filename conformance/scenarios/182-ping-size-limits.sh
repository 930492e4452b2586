# ping's sizes at their limits and -M probe. A datagram may carry 65535 bytes: -s 65507 to
# the host's own address is answered, one byte more is "message too long" (mtu 65535), and a
# message over 65535 bytes fails silently; without DF, a size past the route's MTU but within
# that is fragmented. This iputils knows -M do, dont and want, not probe. A negative or
# non-numeric size is refused.
ip netns add c
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n r link set rs mtu 1300
ip -n s link set eth0 mtu 1300
ip -n c link set lo up
ip -n c link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rs up
ip -n c addr add 10.182.1.10/24 dev eth0
ip -n s addr add 10.182.2.10/24 dev eth0
ip -n r addr add 10.182.1.1/24 dev rc
ip -n r addr add 10.182.2.1/24 dev rs
ip -n c route add default via 10.182.1.1
ip -n s route add default via 10.182.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec c ping -c 1 -s 0 10.182.1.10
ip netns exec c ping -c 1 -s 65507 10.182.1.10
ip netns exec c ping -c 1 -s 65508 10.182.1.10
ip netns exec c ping -c 1 -s 70000 10.182.1.10
ip netns exec c ping -c 1 -s 65508 10.182.2.10
ip netns exec c ping -c 1 -s -1 10.182.2.10
ip netns exec c ping -c 1 -s 1k 10.182.2.10
ip netns exec c ping -c 1 -s 1400 -M probe 10.182.2.10
ip netns exec c ping -c 1 -s 1400 -M do 10.182.2.10
ip netns exec c ping -c 1 -s 1400 -M probe 10.182.2.10
ip netns exec c ping -c 1 -s 1473 -M probe 10.182.2.10
ip netns exec c ping -c 1 -s 1400 -M want 10.182.2.10
ip netns exec c ping -c 1 -s 1400 -M maybe 10.182.2.10
