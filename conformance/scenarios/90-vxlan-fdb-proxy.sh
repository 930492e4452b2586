# VXLAN the way a control plane drives it (Docker's overlay does this): no remote, learning
# and proxy on; a static neighbour and a static FDB entry per peer. With proxy the device
# never sends ARP: it answers requests from its own neighbour table and consumes the rest.
# A third VTEP without proxy floods through a list of remotes (head-end replication).
# Then hand-made entries on a bridge: a static entry beats learning.
ip netns add h1
ip netns add h2
ip netns add h3
ip link add sw type bridge
ip link set sw up
ip link add u1 type veth peer name eth0 netns h1
ip link add u2 type veth peer name eth0 netns h2
ip link add u3 type veth peer name eth0 netns h3
ip link set u1 master sw
ip link set u2 master sw
ip link set u3 master sw
ip link set u1 up
ip link set u2 up
ip link set u3 up
ip -n h1 addr add 192.168.50.11/24 dev eth0
ip -n h2 addr add 192.168.50.12/24 dev eth0
ip -n h3 addr add 192.168.50.13/24 dev eth0
ip -n h1 link set eth0 address 02:00:c0:a8:32:0b
ip -n h2 link set eth0 address 02:00:c0:a8:32:0c
ip -n h3 link set eth0 address 02:00:c0:a8:32:0d
ip -n h1 link set eth0 up
ip -n h2 link set eth0 up
ip -n h3 link set eth0 up
ip -n h1 link add vx0 type vxlan id 100 dstport 4789 proxy learning l2miss l3miss
ip -n h2 link add vx0 type vxlan id 100 dstport 4789 proxy learning l2miss l3miss
ip -n h3 link add vx0 type vxlan id 100 dstport 4789 nolearning
ip -n h1 link set vx0 address 02:00:0a:09:00:01
ip -n h2 link set vx0 address 02:00:0a:09:00:02
ip -n h3 link set vx0 address 02:00:0a:09:00:03
ip -n h1 addr add 10.9.0.1/24 dev vx0
ip -n h2 addr add 10.9.0.2/24 dev vx0
ip -n h3 addr add 10.9.0.3/24 dev vx0
ip -n h1 link set vx0 up
ip -n h2 link set vx0 up
ip -n h3 link set vx0 up
# no neighbour, no FDB entry: the proxy has nobody to answer for
ip netns exec h1 ping -c 1 10.9.0.2
ip -n h1 neigh add 10.9.0.2 lladdr 02:00:0a:09:00:02 dev vx0 nud permanent
# a neighbour but no FDB entry: nowhere to send the frame
ip netns exec h1 ping -c 1 10.9.0.2
ip netns exec h1 bridge fdb add 02:00:0a:09:00:02 dev vx0 dst 192.168.50.12 self permanent
# h2 must answer, and its proxy knows nothing of 10.9.0.1 yet
ip netns exec h1 ping -c 1 10.9.0.2
ip -n h2 neigh add 10.9.0.1 lladdr 02:00:0a:09:00:01 dev vx0 nud permanent
# h2 learnt where 02:00:0a:09:00:01 lives from the request it received
ip netns exec h1 ping -c 1 10.9.0.2
ip netns exec h2 ping -c 1 10.9.0.1
ip netns exec h1 traceroute -n 10.9.0.2
ip netns exec h1 curl http://10.9.0.2:8080/
ip netns exec h2 python3 -m http.server 8080 &
ip netns exec h1 curl http://10.9.0.2:8080/
# refusals
ip netns exec h1 bridge fdb add 02:00:0a:09:00:02 dev vx0 dst 192.168.50.13
ip netns exec h1 bridge fdb add 02:00:0a:09:00:07 dev vx0
ip netns exec h1 bridge fdb del 02:00:0a:09:00:09 dev vx0
ip -n h1 neigh add 10.9.0.2 lladdr 02:00:0a:09:00:02 dev vx0
ip -n h1 neigh del 10.9.0.77 dev vx0
ip -n h1 neigh add 10.9.0.8 lladdr 02:00:0a:09:00:08
ip -n h1 neigh add 10.9.0.8 lladdr 02:00:0a:09:00:08 dev nothere
ip netns exec h1 bridge fdb add 02:00:0a:09:00:08 dev nothere dst 192.168.50.13
# h3: no proxy, no learning, a flood list of both other VTEPs; the proxies eat its ARP
ip netns exec h3 bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.50.11
ip netns exec h3 bridge fdb append 00:00:00:00:00:00 dev vx0 dst 192.168.50.12
ip netns exec h3 ping -c 1 10.9.0.1
ip -n h3 neigh add 10.9.0.1 lladdr 02:00:0a:09:00:01 dev vx0
# flooded to both VTEPs; h1 learnt 10.9.0.3 from the ARP request it could not answer
ip netns exec h3 ping -c 1 10.9.0.1
ip -n h1 neigh replace 10.9.0.3 lladdr 02:00:0a:09:00:03 dev vx0
ip netns exec h3 ping -c 1 10.9.0.1
ip netns exec h1 ping -c 1 10.9.0.3
# the entry for h2 pointed at the wrong VTEP, then deleted
ip netns exec h1 bridge fdb replace 02:00:0a:09:00:02 dev vx0 dst 192.168.50.13
ip netns exec h1 ping -c 1 10.9.0.2
ip netns exec h1 bridge fdb del 02:00:0a:09:00:02 dev vx0
ip netns exec h1 ping -c 1 10.9.0.2
ip netns exec h1 bridge fdb add 02:00:0a:09:00:02 dev vx0 dst 192.168.50.12
ip netns exec h1 ping -c 1 10.9.0.2
# a device going down loses its neighbours, hand-made ones included
ip -n h2 link set vx0 down
ip -n h2 link set vx0 up
ip netns exec h1 ping -c 1 10.9.0.2
ip -n h2 neigh replace 10.9.0.1 lladdr 02:00:0a:09:00:01 dev vx0
ip netns exec h1 ping -c 1 10.9.0.2
# the underlay switch: a static entry sends h2's MAC out of h3's port, learning cannot fix it
ip netns exec h1 ping -c 1 192.168.50.12
bridge fdb add 02:00:c0:a8:32:0c dev u3 master static
ip netns exec h1 ping -c 1 192.168.50.12
ip netns exec h1 ping -c 1 10.9.0.2
bridge fdb del 02:00:c0:a8:32:0c dev u3 master
ip netns exec h1 ping -c 1 192.168.50.12
ip netns exec h1 ping -c 1 10.9.0.2
bridge fdb add 02:00:c0:a8:32:0c dev u9 master static
bridge fdb add 02:00:c0:a8:32:0c dev sw master static
