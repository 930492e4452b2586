# The legacy brctl tool drives the same kernel bridge as `ip link`: addbr, addif, delif,
# delbr, show, and the refusals of each (duplicate bridge, unknown port, port not in the
# bridge, deleting a bridge that is still up or does not exist).
brctl addbr br1
brctl addbr br1
ip netns add x
ip netns add y
ip link add vx type veth peer name eth0 netns x
ip link add vy type veth peer name eth0 netns y
brctl addif br1 vx
brctl addif br1 vy
brctl addif br1 nosuch
brctl addif nobr vx
brctl show
ip link set br1 up
ip link set vx up
ip link set vy up
ip -n x addr add 10.13.0.1/24 dev eth0
ip -n y addr add 10.13.0.2/24 dev eth0
ip -n x link set eth0 up
ip -n y link set eth0 up
ip netns exec x ping -c 1 10.13.0.2
brctl delif br1 vy
ip netns exec x ping -c 1 10.13.0.2
brctl delif br1 vy
brctl addif br1 vy
ip netns exec x ping -c 1 10.13.0.2
# a second bridge cannot take a port that is already enslaved
brctl addbr br2
brctl addif br2 vy
brctl delbr br1
ip link set br1 down
ip netns exec x ping -c 1 10.13.0.2
brctl delbr br1
brctl delbr br1
brctl show
ip netns exec x ping -c 1 10.13.0.2
brctl addif br2 vx
brctl addif br2 vy
ip link set br2 up
ip netns exec y ping -c 1 10.13.0.1
