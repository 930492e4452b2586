# `ip netns add` run inside `ip netns exec` mounts the new namespace in that command's own
# mount namespace only: afterwards the name is an empty file in /run/netns. Using it fails
# in setns(), moving a device there fails in the kernel, adding it again finds the file,
# deleting it works. The same commands from the top behave normally.
ip netns add h1
ip netns exec h1 ip netns add c1
ip netns exec h1 ping -c 1 127.0.0.1
ip netns exec c1 ping -c 1 127.0.0.1
ip netns exec c1 traceroute -n 127.0.0.1
ip netns exec c1 curl http://127.0.0.1/
ip -n c1 link set lo up
ip -n h1 link add v1 type veth peer name eth0 netns c1
ip -n h1 link add v1 type veth peer name v2
ip -n h1 link set v2 netns c1
ip netns add c1
ip netns exec h1 ip netns add c1
ip netns del c1
ip netns add c1
ip -n c1 link set lo up
ip netns exec c1 ping -c 1 127.0.0.1
ip -n h1 link set v2 netns c1
ip -n c1 addr add 10.56.0.2/24 dev v2
ip -n c1 link set v2 up
ip -n h1 addr add 10.56.0.1/24 dev v1
ip -n h1 link set v1 up
ip netns exec h1 ping -c 1 10.56.0.2
ip netns exec nosuch ping -c 1 127.0.0.1
ip -n nosuch link set lo up
