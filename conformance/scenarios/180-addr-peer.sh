# Point-to-point addresses: ip addr add LOCAL peer REMOTE[/N] routes REMOTE's prefix (not
# LOCAL's) through the device, with LOCAL as the source, and no other subnet; two such ends
# on a veth reach each other though they share no subnet. The same local address with
# different peers is several addresses; deleting one names its peer. remote is peer's alias.
ip netns add a
ip netns add b
ip link add a0 netns a type veth peer name b0 netns b
ip -n a link set a0 up
ip -n b link set b0 up
ip -n a addr add 10.180.0.1 peer 10.180.9.2 dev a0
ip -n b addr add 10.180.9.2 remote 10.180.0.1 dev b0
ip -n a addr add 10.180.0.1 peer 10.180.5.0/24 dev a0
ip -n a addr add 10.180.0.1 peer 10.180.9.2 dev a0
ip -n a addr add 10.180.0.1 peer x dev a0
ip -n a addr show dev a0
ip -n a -j addr show dev a0
ip -n a route
ip -n a route show table local
ip netns exec a ping -c 1 10.180.9.2
ip netns exec b ping -c 1 10.180.0.1
ip netns exec a ping -c 1 10.180.5.7
ip -n a route get 10.180.5.7
ip -n a addr del 10.180.0.1 peer 10.180.9.2 dev a0
ip -n a route
ip netns exec a ping -c 1 10.180.9.2
ip -n a addr del 10.180.0.1 peer 10.180.9.2 dev a0
