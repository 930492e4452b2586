# Refused `ip addr` and `ip route` commands with the kernel's words: malformed prefixes,
# unknown devices, duplicate addresses, gateways that are not on-link, a gateway that is
# our own address, routes that exist already or do not exist, a src that is not ours.
ip netns add peer
ip link add v0 type veth peer name eth0 netns peer
ip link set v0 up
ip -n peer link set eth0 up
ip addr add 10.45.0.1/24 dev v0
ip -n peer addr add 10.45.0.2/24 dev eth0
ip addr add 10.45.0.1/24 dev v0
ip addr add 10.45.0.1/25 dev v0
ip addr add 10.45.0.1/33 dev v0
ip addr add 10.45.256.1/24 dev v0
ip addr add 10.45.0.9 dev nosuch0
ip addr add dev v0
ip addr del 10.45.9.9/24 dev v0
ip route add 10.45.5.0/24 via 10.45.9.9
ip route add 10.45.5.0/24 via 10.45.0.1
ip route add 10.45.5.0/24 via 10.45.0.2 dev nosuch0
ip route add 10.45.5.0/33 via 10.45.0.2
ip route add 10.45.5.1/24 via 10.45.0.2
ip route add 10.45.5.0/24 via 10.45.0.2
ip route add 10.45.5.0/24 via 10.45.0.2
ip route add 10.45.5.0/24 via 10.45.0.2 metric 5
ip route add 10.45.6.0/24 via 10.45.0.2 src 10.45.0.2
ip route add 10.45.6.0/24 dev v0 src 10.45.0.1
ip route add 10.45.7.0/24 dev lo
ip route del 10.45.8.0/24
ip route del 10.45.5.0/24 via 10.45.0.3
ip route del 10.45.5.0/24 dev lo
ip route replace 10.45.5.0/24 via 10.45.9.9
ip route add default via 10.45.0.2
ip route add default via 10.45.0.2
ip route add default via 10.45.0.3 metric 10
ip route replace default via 10.45.0.2 dev v0
ip route get 10.45.5.1
ip route get 10.45.300.1
ip -n peer addr add 198.51.100.45/32 dev lo
ip -n peer link set lo up
ping -c 1 198.51.100.45
ip route del default
ip route del default
ping -c 1 198.51.100.45
ping -c 1 10.45.5.1
