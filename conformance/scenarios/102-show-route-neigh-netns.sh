# What `ip route get` (plain, from, iif), `ip route show table local`, `ip neigh`,
# `ip netns list` (with ids once assigned), `conntrack -L` and `sysctl KEY` print.
ip netns add r
ip netns add c
ip netns list
ip link add c0 netns c type veth peer name r0 netns r
ip -n r addr add 10.102.1.1/24 dev r0
ip -n r link set r0 up
ip -n r link set lo up
ip -n r link add r1 type veth peer name r2
ip -n r link set r2 up
ip -n r addr add 10.102.2.1/24 dev r1
ip -n r link set r1 up
ip -n c addr add 10.102.1.2/24 dev c0
ip -n c link set c0 up
ip -n c link set lo up
ip -n c route add default via 10.102.1.1
ip netns list
ip netns
ip -n c route
ip -n c route show table local
ip -n c route show table main
ip -n r route show table local
ip -j -n c route
ip -n c route get 10.102.1.1
ip -n c route get 10.102.2.1
ip -n c route get 198.51.100.7
ip -n c route get 10.102.1.2
ip -n r route get 10.102.1.2 from 10.102.1.1
ip -n r route get 10.102.2.1 from 10.102.1.2 iif r0
ip -n r route get 198.51.100.7 from 10.102.1.2 iif r0
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n r route get 198.51.100.7 from 10.102.1.2 iif r0
ip -j -n c route get 10.102.2.1
ip netns exec r iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
ip netns exec r python3 -m http.server 80 &
ip netns exec c ping -c 1 10.102.1.1
ip netns exec c curl http://10.102.1.1/
ip -n c neigh
ip -n r neigh show
ip -n r neigh show dev r0
ip -j -n c neigh
ip netns exec r conntrack -L
sysctl net.ipv4.ip_forward
ip netns exec r sysctl net.ipv4.ip_forward
ip netns exec r sysctl net.ipv4.conf.r0.rp_filter
ip netns exec c ip route get 10.102.9.9 from 10.102.1.2 iif c0
ip -n nosuch link
