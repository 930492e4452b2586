# promote_secondaries: with it on, deleting a subnet's primary address promotes the next
# secondary (the others, and the subnet route, stay); off, they all go. It is read as
# conf.all OR the device's own, and a device made after conf.default is set takes it.
ip netns add a
ip netns add b
ip link add a0 netns a type veth peer name b0 netns b
ip -n a link set a0 up
ip -n b link set b0 up
ip -n b addr add 10.89.0.9/24 dev b0
ip -n a addr add 10.89.0.1/24 dev a0
ip -n a addr add 10.89.0.2/24 dev a0
ip -n a addr add 10.89.0.3/24 dev a0
ip netns exec a sysctl -w net.ipv4.conf.a0.promote_secondaries=1
ip -n a addr del 10.89.0.1/24 dev a0
ip netns exec b ping -c 1 10.89.0.1
ip netns exec b ping -c 1 10.89.0.2
ip netns exec b ping -c 1 10.89.0.3
ip netns exec b python3 -m http.server 8080 &
ip netns exec a curl http://10.89.0.9:8080/
ip netns exec a sysctl -w net.ipv4.conf.a0.promote_secondaries=0
ip -n a addr del 10.89.0.2/24 dev a0
ip netns exec b ping -c 1 10.89.0.3
ip netns exec a ping -c 1 10.89.0.9
ip -n a addr add 10.89.0.1/24 dev a0
ip -n a addr add 10.89.0.2/24 dev a0
ip -n a addr add 10.89.0.3/24 dev a0
ip netns exec a sysctl -w net.ipv4.conf.all.promote_secondaries=1
ip -n a addr del 10.89.0.1/24 dev a0
ip netns exec a curl http://10.89.0.9:8080/
ip netns exec b ping -c 1 10.89.0.3
ip netns exec a sysctl -w net.ipv4.conf.all.promote_secondaries=0
ip netns exec a sysctl -w net.ipv4.conf.default.promote_secondaries=1
ip link add a1 netns a type veth peer name b1 netns b
ip -n a link set a1 up
ip -n b link set b1 up
ip -n b addr add 10.89.1.9/24 dev b1
ip -n a addr add 10.89.1.1/24 dev a1
ip -n a addr add 10.89.1.2/24 dev a1
ip -n a addr del 10.89.1.1/24 dev a1
ip netns exec b ping -c 1 10.89.1.2
ip netns exec a sysctl -w net.ipv4.conf.a1.promote_secondaries=2
ip netns exec a sysctl -w net.ipv4.conf.a1.promote_secondaries=x
