# Refused sysctl, ip netns, bridge and brctl commands: unknown keys and interfaces,
# values the kernel rejects, namespaces that do not exist or exist already, hairpin on a
# device that is no bridge port. The settings that were accepted take effect.
ip netns add n1
ip netns add n1
ip netns add
ip netns del nosuch
ip netns exec nosuch ip link show
ip -n nosuch addr show
ip netns list
sysctl -w net.ipv4.nosuch=1
sysctl -w net.ipv4.conf.nosuch0.rp_filter=1
sysctl net.ipv4.conf.nosuch0.rp_filter
sysctl -w net.ipv4.ip_forward=abc
sysctl -w net.ipv4.conf.all.rp_filter=7
sysctl net.ipv4.conf.all.rp_filter
sysctl -w net.bridge.bridge-nf-call-iptables=0
sysctl net.bridge.bridge-nf-call-iptables
sysctl -w net.bridge.bridge-nf-call-iptables=1
ip link add v0 type veth peer name eth0 netns n1
bridge link set dev v0 hairpin on
bridge link set dev nosuch0 hairpin on
ip link add br0 type bridge
bridge link set dev br0 hairpin on
ip link set v0 master br0
bridge link set dev v0 hairpin on
bridge link set dev v0 hairpin maybe
bridge fdb show
brctl addbr
brctl delbr nosuch
brctl delif nosuch v0
brctl addif br0 nosuch0
brctl show nosuch
ip link set br0 up
ip link set v0 up
ip addr add 10.47.0.1/24 dev br0
ip -n n1 addr add 10.47.0.2/24 dev eth0
ip -n n1 link set eth0 up
ip netns exec n1 ping -c 1 10.47.0.1
ip netns exec n1 sysctl -w net.ipv4.ip_forward=1
ip netns exec n1 sysctl net.ipv4.ip_forward
sysctl net.ipv4.ip_forward
ip netns exec n1 sysctl -w net.ipv4.conf.eth0.rp_filter=1
ip netns exec n1 sysctl -w net.ipv4.conf.v0.rp_filter=1
ip netns exec n1 ping -c 1 10.47.0.1
