# Two namespaces and one veth pair, step by step: a veth carries nothing until BOTH ends
# are up; a namespace's own addresses answer even while its lo is down; a TCP port with
# no listener is refused; the loopback address needs lo up.
ip netns add red
ip netns add blue
ip netns list
ip link add veth-red type veth peer name veth-blue
ip link show
ip link set veth-red netns red
ip link set veth-blue netns blue
ip netns exec red ip link show
ip -n red addr add 10.10.0.1/24 dev veth-red
ip -n blue addr add 10.10.0.2/24 dev veth-blue
# one end up, its peer still down: the route exists but the cable is dead
ip -n red link set veth-red up
ip netns exec red ping -c 1 10.10.0.2
ip netns exec red ip route show
ip -n blue link set veth-blue up
ip netns exec red ping -c 1 10.10.0.2
ip netns exec blue ping -c 1 10.10.0.1
# its own address, and 127.0.0.1, with lo still down
ip netns exec red ping -c 1 10.10.0.1
ip netns exec red ping -c 1 127.0.0.1
ip -n red link set lo up
ip netns exec red ping -c 1 127.0.0.1
ip netns exec red traceroute -n 10.10.0.2
ip netns exec blue python3 -m http.server 8080 &
ip netns exec red curl http://10.10.0.2:8080/
ip netns exec red curl http://10.10.0.2:8081/
# an address of the subnet that nobody holds
ip netns exec red ping -c 1 10.10.0.3
ip netns exec red ip neigh show
