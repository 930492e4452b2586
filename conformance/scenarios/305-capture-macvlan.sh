# macvlan in bridge mode: two sub-interfaces of one parent reach each other directly, so a
# capture on the parent sees only what leaves for the wire (their broadcasts, and the
# traffic to a host beyond); captures on the sub-interfaces see their own frames.
ip netns add h
ip netns add a
ip netns add b
ip netns add x
ip link add p0 netns h type veth peer name eth0 netns x
ip -n h link set p0 up
ip -n x addr add 10.35.0.100/24 dev eth0
ip -n x link set eth0 up
ip -n h link add m1 link p0 type macvlan mode bridge
ip -n h link add m2 link p0 type macvlan mode bridge
ip -n h link set m1 netns a
ip -n h link set m2 netns b
ip -n a addr add 10.35.0.1/24 dev m1
ip -n b addr add 10.35.0.2/24 dev m2
ip -n a link set m1 up
ip -n b link set m2 up
ip netns exec h tcpdump -n -e -l -i p0 &
ip netns exec b tcpdump -n -e -l -i m2 &
ip netns exec a ping -c 1 10.35.0.2
ip netns exec a ping -c 1 10.35.0.100
