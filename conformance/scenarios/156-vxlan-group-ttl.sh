# VXLAN options: `group` needs `dev` and a multicast address, `remote` a unicast one, the two
# exclude each other; `ttl` takes 0-255, `inherit` and `auto`. Unicast VXLAN with ttl set
# still carries the overlay.
ip netns add u1
ip netns add u2
ip link add e1 netns u1 type veth peer name e2 netns u2
ip -n u1 link set e1 up
ip -n u2 link set e2 up
ip -n u1 addr add 192.168.94.1/24 dev e1
ip -n u2 addr add 192.168.94.2/24 dev e2
ip -n u1 link add vx0 type vxlan id 94 group 239.1.1.94 dstport 4789
ip -n u1 link add vx0 type vxlan id 94 group 192.168.94.2 dev e1 dstport 4789
ip -n u1 link add vx0 type vxlan id 94 remote 239.1.1.94 dstport 4789
ip -n u1 link add vx0 type vxlan id 94 group 239.1.1.94 remote 192.168.94.2 dev e1 dstport 4789
ip -n u1 link add vx0 type vxlan id 94 remote 192.168.94.2 ttl 300 dstport 4789
ip -n u1 link add vx0 type vxlan id 94 remote 192.168.94.2 ttl 64 dstport 4789
ip -n u2 link add vx0 type vxlan id 94 remote 192.168.94.1 ttl inherit dstport 4789
ip -n u1 link add vx1 type vxlan id 95 remote 192.168.94.2 ttl auto dstport 4789
ip -n u1 link set vx0 up
ip -n u2 link set vx0 up
ip -n u1 addr add 10.94.0.1/24 dev vx0
ip -n u2 addr add 10.94.0.2/24 dev vx0
ip netns exec u1 ping -c 1 10.94.0.2
ip netns exec u2 ping -c 1 10.94.0.1
ip netns exec u1 traceroute -n 10.94.0.2
