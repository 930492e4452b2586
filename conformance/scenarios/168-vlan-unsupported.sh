# 802.1Q on the recording kernel: it has neither the 8021q module nor bridge VLAN filtering.
# A VLAN device is an unknown device type (iproute2 still refuses a bad id or protocol
# first); vlan_filtering 1 on a bridge, and bridge vlan add/del, are not supported, and
# refused without creating or changing anything, even vlan_filtering 0 (the attribute itself
# is unknown); vlan_protocol and vlan_default_pvid are taken and name no VLAN. Deleting a
# port's VLAN deletes nothing. The bridge still carries its ports' traffic; bridge vlan show
# lists nothing.
ip netns add a
ip netns add b
ip link add br0 type bridge vlan_filtering 1
ip link add br0 type bridge vlan_filtering 0
ip link add br0 type bridge
ip link add pa type veth peer name eth0 netns a
ip link add pb type veth peer name eth0 netns b
ip link set pa master br0
ip link set pb master br0
ip link set br0 up
ip link set pa up
ip link set pb up
ip -n a link set eth0 up
ip -n b link set eth0 up
ip -n a addr add 10.168.0.1/24 dev eth0
ip -n b addr add 10.168.0.2/24 dev eth0
ip -n a link add link eth0 name eth0.10 type vlan id 10
ip -n a link add link eth0 name eth0.11 type vlan id abc
ip -n a link add link eth0 name eth0.12 type vlan id 12 protocol foo
ip -n a link add link eth0 name eth0.13 type vlan protocol 802.1Q id 13
ip link set br0 type bridge vlan_filtering 1
ip link set br0 type bridge vlan_filtering 0
bridge vlan add dev pa vid 10 pvid untagged
bridge vlan del dev pa vid 1
bridge vlan add dev pa
bridge vlan add dev pa vid 4095
bridge vlan add dev pa vid 0
bridge vlan add dev pa vid x
bridge vlan add dev nosuch vid 10
bridge vlan add dev pa vid 10-20
bridge vlan add dev pa vid 10 tagged
ip link add br9 type bridge vlan_protocol 802.1ad
ip link add br8 type bridge vlan_default_pvid 5
ip link set br8 type bridge vlan_protocol 802.1Q vlan_default_pvid 1
bridge vlan add dev br8 vid 10
bridge vlan del dev br8 vid 10
ip link add br9 type bridge vlan_filtering x
ip link add br9 type bridge vlan_protocol foo
ip link add br9 type bridge vlan_default_pvid 70000
bridge vlan show
ip -n a link show
ip netns exec a ping -c 1 10.168.0.2
