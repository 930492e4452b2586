# Address scope (ip addr add … scope host|link|site|global|N): printed by name, a narrower
# scope listed first, and never picked as the source for a wider destination: a link-scope
# address is not the source towards a gateway, a host-scope one never leaves. The listing
# filters scope, to, primary, secondary, permanent and dynamic keep the devices and addresses
# that match.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a link set lo up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.252.0.2/24 dev eth0 scope link
ip -n a addr add 10.252.0.3/24 dev eth0
ip -n a addr add 10.252.1.2/24 dev eth0 scope host
ip -n a addr add 10.252.2.2/24 dev eth0 scope 200
ip -n a addr add 10.252.3.2/24 dev eth0 scope 7
ip -n a addr add 10.252.4.2/24 dev eth0 scope foo
ip -n b addr add 10.252.0.1/24 dev eth0
ip -n b addr add 10.252.9.1/24 dev eth0
ip -n a addr show dev eth0
ip -n a -br addr show dev eth0
ip -n a -j addr show dev eth0
ip -n a route get 10.252.0.1
ip -n a route add 10.252.9.0/24 via 10.252.0.1
ip -n a route get 10.252.9.1
ip netns exec a ping -c 1 10.252.0.1
ip netns exec a ping -c 1 10.252.9.1
ip -n a addr show scope global
ip -n a addr show scope link
ip -n a addr show scope host
ip -n a -br addr show scope 200
ip -n a -br addr show scope all
ip -n a -br addr show primary
ip -n a -br addr show secondary
ip -n a -br addr show permanent
ip -n a -br addr show dynamic
ip -n a addr show to 10.252.0.0/24
ip -n a -br addr show to 10.252.1.0/24
ip -n a addr show scope nowhere
ip -n a addr show scope bad
ip -n a addr del 10.252.0.3/24 dev eth0
ip netns exec a ping -c 1 10.252.0.1
ip -n a route get 10.252.0.1
