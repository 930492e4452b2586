# ip link set on a veth: a rename works even while the link is up (old name gone, new
# name taken is refused), a MAC must be a valid unicast one, the MTU must fit the device,
# moving to another namespace drops the addresses, promisc is harmless, and nomaster on
# a device that is no bridge port is accepted.
ip netns add peer
ip netns add other
ip link add v0 type veth peer name eth0 netns peer
ip addr add 10.42.0.1/24 dev v0
ip link set v0 up
ip -n peer addr add 10.42.0.2/24 dev eth0
ip -n peer link set eth0 up
ping -c 1 10.42.0.2
ip link set v0 name lan0
ip link set v0 down
ping -c 1 10.42.0.2
ip link set lan0 address 02:42:0a:2a:00:01
ip link set lan0 address 01:00:5e:00:00:01
ip link set lan0 address zz:zz
ping -c 1 10.42.0.2
ip link set lan0 mtu 1400
ip link set lan0 mtu 60
ip link set lan0 mtu 70000
ping -c 1 10.42.0.2
ip link set lan0 promisc on
ping -c 1 10.42.0.2
ip link set lan0 promisc off
ip link set lan0 nomaster
ip link add lan1 type veth peer name lan2
ip link set lan1 name lan0
ip link set lan1 name lo
ip link set lan0 netns other
ping -c 1 10.42.0.2
ip -n other link set lan0 up
ip netns exec other ping -c 1 10.42.0.2
ip -n other addr add 10.42.0.1/24 dev lan0
ip netns exec other ping -c 1 10.42.0.2
ip -n other link set lan0 netns nosuchns
ip -n other link show
ip link set lan0 up
# moving it back: down, without its address
ip -n other link set lan0 netns peer
ip -n peer link show
ip link set nosuch0 up
ip link set nosuch0 mtu 1400
