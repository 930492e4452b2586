# SNMP counters (/proc/net/snmp, netstat -s, ss -s) of pings across a bridge: the sender's
# OutEchos and InEchoReps, the far end's InEchos and OutEchoReps (IcmpMsg InType8/OutType0),
# and the bridge's namespace, whose IP layer never sees the bridged frames. br0 comes up
# first, on its own: joining 224.0.0.106 it sends two IGMP reports (OutRequests, IpExt
# OutMcastPkts) within a second, before any port can pass them on.
ip netns add a
ip netns add b
ip netns add sw
ip link add eth0 netns a type veth peer name va netns sw
ip link add eth0 netns b type veth peer name vb netns sw
ip -n sw link add br0 type bridge
ip -n sw link set br0 up
sleep 2
ip -n sw link set va master br0
ip -n sw link set vb master br0
ip -n sw link set va up
ip -n sw link set vb up
ip -n a addr add 10.170.0.1/24 dev eth0
ip -n b addr add 10.170.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec a ping -c 1 10.170.0.2
ip netns exec b ping -c 1 10.170.0.1
ip netns exec a ping -c 1 10.170.0.2
ip netns exec a ping -c 1 10.171.0.9
ip netns exec a cat /proc/net/snmp
ip netns exec a netstat -s
ip netns exec a ss -s
ip netns exec b cat /proc/net/snmp
ip netns exec b netstat -s
ip netns exec b ss -s
ip netns exec sw cat /proc/net/snmp
ip netns exec sw netstat -s
