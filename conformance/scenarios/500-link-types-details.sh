# Show lines for every link type the recording kernel has (veth, bridge, macvlan in each
# mode, vxlan) with -d, -j, -br, -o and -s: flags, qdisc, state and the type's own details.
ip link add v0 type veth peer name v1
ip link set v0 address 02:00:00:50:00:01
ip link set v1 address 02:00:00:50:00:02
ip link add br0 type bridge
ip link set br0 address 02:00:00:50:00:10
ip link add mp link v0 type macvlan mode private
ip link add mv link v0 type macvlan mode vepa
ip link add mb link v0 type macvlan mode bridge
ip link set mp address 02:00:00:50:00:21
ip link set mv address 02:00:00:50:00:22
ip link set mb address 02:00:00:50:00:23
ip link add vx0 type vxlan id 42 dstport 4789 remote 192.0.2.9 local 10.50.0.1 dev v0
ip link set vx0 address 02:00:00:50:00:30
ip link show
ip -br link
ip -o link
ip -d link show dev mp
ip -d link show dev mv
ip -d link show dev mb
ip -d link show dev vx0
ip -d link show dev br0
ip -j link show dev mb
ip -j -d link show dev mv
ip -j -d link show dev vx0
ip link set v0 up
ip link set mb up
ip link set br0 up
ip link show
ip -br link
ip -br link show type macvlan
ip -br link show type vxlan
ip -br link show up
ip link set v1 up
ip link set vx0 up
ip addr add 10.50.0.1/24 dev v0
ip link show up
ip -br link
ip -br addr
ip -d link show dev v0
ip -d link show dev vx0
ip link set mp up
ip link set mv up
ip -br link show type macvlan
ip link add pt link v1 type macvlan mode passthru
ip -d link show dev pt
ip -br link show dev pt
ip link show dev v1
ip -d -j link show dev pt
ip link set v0 down
ip -br link
ip link show dev mb
ip -o -d link show dev mb
