# Forwarding per device: conf.default.forwarding is what a device made later starts with;
# writing ip_forward or conf.all.forwarding sets every device and default alike; a device's
# own key decides for packets coming in by it (not going out).
ip netns add a
ip netns add r
ip netns add b
ip link add eth0 netns a type veth peer name ra netns r
ip netns exec r sysctl -w net.ipv4.conf.default.forwarding=1
ip link add eth0 netns b type veth peer name rb netns r
ip -n a addr add 10.249.1.2/24 dev eth0
ip -n b addr add 10.249.2.2/24 dev eth0
ip -n r addr add 10.249.1.1/24 dev ra
ip -n r addr add 10.249.2.1/24 dev rb
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n r link set ra up
ip -n r link set rb up
ip -n a route add default via 10.249.1.1
ip -n b route add default via 10.249.2.1
ip netns exec r sysctl net.ipv4.ip_forward net.ipv4.conf.ra.forwarding net.ipv4.conf.rb.forwarding
ip netns exec a ping -c 1 10.249.2.2
ip netns exec b ping -c 1 10.249.1.2
ip netns exec b traceroute -n 10.249.1.2
ip netns exec r sysctl -w net.ipv4.conf.ra.forwarding=1
ip netns exec a ping -c 1 10.249.2.2
ip netns exec r sysctl -w net.ipv4.conf.all.forwarding=0
ip netns exec r sysctl net.ipv4.conf.default.forwarding net.ipv4.conf.ra.forwarding net.ipv4.conf.rb.forwarding
ip netns exec b ping -c 1 10.249.1.2
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip netns exec r sysctl net.ipv4.conf.default.forwarding net.ipv4.conf.ra.forwarding net.ipv4.conf.rb.forwarding
ip netns exec a ping -c 1 10.249.2.2
ip netns exec r sysctl -w net.ipv4.conf.rb.forwarding=0
ip netns exec a ping -c 1 10.249.2.2
ip netns exec b ping -c 1 10.249.1.2
ip netns exec r sysctl -w net.ipv4.conf.rb.forwarding=2
ip netns exec r sysctl net.ipv4.conf.rb.forwarding
