# A bridge's carrier: one that never had a port keeps the carrier it was registered with
# (UNKNOWN, LOWER_UP) and its subnet's route is usable; once a port has joined, the carrier
# follows the ports that are up, and stays off when the last one leaves.
ip netns add a
ip link add br0 type bridge
ip link set br0 up
ip addr add 10.161.0.1/24 dev br0
ip link show br0
ip route
ip route get 10.161.0.9
ip link add v0 type veth peer name eth0 netns a
ip link set v0 master br0
ip link show br0
ip route
ip link set v0 up
ip -n a link set eth0 up
ip -n a addr add 10.161.0.2/24 dev eth0
ip link show br0
ping -c 1 10.161.0.2
ip link set v0 nomaster
ip link show br0
ip route
ip link add br1 up type bridge
ip link show br1
