# MTU along a routed path: a 1300-byte link behind a router. A ping that fits goes through;
# one too big with DF (-M do) gets "frag needed" with the router's next-hop MTU, and then
# the sender knows the path MTU (a local "message too long"); without DF (-M dont) or with
# the default (-M want) the sender fragments and the reply comes back. A host that has not
# learnt the path MTU is stopped only by its own link's MTU.
ip netns add c
ip netns add c2
ip netns add r
ip netns add s
ip link add eth0 netns c type veth peer name rc netns r
ip link add eth0 netns c2 type veth peer name rc2 netns r
ip link add eth0 netns s type veth peer name rs netns r
ip -n r link set rs mtu 1300
ip -n s link set eth0 mtu 1300
ip -n c link set eth0 up
ip -n c2 link set eth0 up
ip -n s link set eth0 up
ip -n r link set rc up
ip -n r link set rc2 up
ip -n r link set rs up
ip -n c addr add 10.163.1.10/24 dev eth0
ip -n c2 addr add 10.163.3.10/24 dev eth0
ip -n s addr add 10.163.2.10/24 dev eth0
ip -n r addr add 10.163.1.1/24 dev rc
ip -n r addr add 10.163.3.1/24 dev rc2
ip -n r addr add 10.163.2.1/24 dev rs
ip -n c route add default via 10.163.1.1
ip -n c2 route add default via 10.163.3.1
ip -n s route add default via 10.163.2.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec c ping -c 1 -s 1000 10.163.2.10
ip netns exec c ping -c 1 -s 1272 -M do 10.163.2.10
ip netns exec c ping -c 1 -s 1273 -M do 10.163.2.10
ip netns exec c ping -c 1 -s 1400 -M do 10.163.2.10
ip netns exec c ping -c 1 -s 1400 10.163.2.10
ip netns exec c ping -c 1 -s 1400 -M dont 10.163.2.10
ip netns exec c ping -c 1 -s 1272 -M do 10.163.2.10
ip netns exec c2 ping -c 1 -s 1473 -M do 10.163.2.10
ip netns exec c2 ping -c 1 -s 1472 -M do 10.163.2.10
ip netns exec c2 ping -c 1 -s 1472 -M dont 10.163.2.10
ip netns exec c2 ping -c 1 -s 1400 -M want 10.163.2.10
ip netns exec s ping -c 1 -s 1400 -M do 10.163.1.10
ip netns exec s ping -c 1 -s 1400 10.163.1.10
ip netns exec c ping -c 1 -s 1400 -M do 10.163.1.1
ip netns exec c traceroute -n 10.163.2.10
