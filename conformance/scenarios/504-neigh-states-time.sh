# Neighbours in each NUD state over the lab's clock: REACHABLE after a reply, STALE after a
# rest, DELAY then REACHABLE again, INCOMPLETE then FAILED for a silent address, PERMANENT
# and NOARP entries added by hand, in ip neigh (-s, -j), arp -n/-a/-e.
ip netns add a
ip link add v0 type veth peer name eth0 netns a
ip link set v0 address 02:00:00:54:00:01
ip -n a link set eth0 address 02:00:00:54:00:02
ip addr add 10.54.0.1/24 dev v0
ip -n a addr add 10.54.0.2/24 dev eth0
ip link set v0 up
ip -n a link set eth0 up
ip neigh
arp -n
ping -c 1 10.54.0.2
ip neigh
ip neigh show nud reachable
arp -n
arp -a
arp -e
arp -an
ip -j neigh
ip -n a neigh
ip neigh add 10.54.0.50 lladdr 02:00:00:54:00:50 dev v0
ip neigh add 10.54.0.51 lladdr 02:00:00:54:00:51 dev v0 nud reachable
ip neigh add 10.54.0.52 lladdr 02:00:00:54:00:52 dev v0 nud stale
ip neigh add 10.54.0.53 lladdr 02:00:00:54:00:53 dev v0 nud noarp
ip neigh show nud all dev v0
arp -n -i v0
arp -a 10.54.0.99
arp -n 10.54.0.99
arp -ae
ip neigh
ip neigh show nud permanent
ip neigh show nud permanent dev v0
ip neigh show nud stale
arp -n
arp -e
arp -a
ping -c 1 10.54.0.9
ip neigh show 10.54.0.9
sleep 5
ip neigh show 10.54.0.9
arp -n 10.54.0.9
sleep 25
sleep 25
ip neigh
ip neigh show nud stale
arp -n
ping -c 1 10.54.0.2
ip neigh show 10.54.0.2
sleep 2
ip neigh show 10.54.0.2
sleep 8
ip neigh show 10.54.0.2
ip neigh del 10.54.0.50 dev v0
ip neigh change 10.54.0.52 lladdr 02:00:00:54:00:62 dev v0
ip neigh replace 10.54.0.53 lladdr 02:00:00:54:00:63 dev v0 nud permanent
ip neigh
ip neigh flush dev v0 nud stale
ip neigh
arp -n
ip link set v0 down
ip neigh
arp -n
