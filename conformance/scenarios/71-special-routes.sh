# blackhole, unreachable and prohibit routes: on the sender each is a different local error
# (EINVAL, EHOSTUNREACH, EACCES); on a router blackhole drops silently, unreachable answers
# host-unreachable (!H) and prohibit answers admin-prohibited (!X).
ip netns add h
ip netns add r
ip link add eth0 netns h type veth peer name w netns r
ip -n h addr add 10.71.0.2/24 dev eth0
ip -n r addr add 10.71.0.1/24 dev w
ip -n h link set eth0 up
ip -n r link set w up
ip -n h route add default via 10.71.0.1
ip netns exec r sysctl -w net.ipv4.ip_forward=1
ip -n r route add blackhole 10.71.50.0/24
ip -n r route add unreachable 10.71.51.0/24
ip -n r route add prohibit 10.71.52.0/24
ip netns exec h ping -c 1 10.71.50.1
ip netns exec h ping -c 1 10.71.51.1
ip netns exec h ping -c 1 10.71.52.1
ip netns exec h curl http://10.71.50.1/
ip netns exec h curl http://10.71.51.1/
ip netns exec h curl http://10.71.52.1/
ip netns exec h traceroute -n 10.71.51.1
ip netns exec h ping -c 1 10.71.0.1
ip netns exec h traceroute -n 10.71.52.1
ip netns exec h ping -c 1 10.71.0.1
ip netns exec h traceroute -n 10.71.50.1
ip netns exec r ping -c 1 10.71.50.1
ip netns exec r ping -c 1 10.71.51.1
ip netns exec r ping -c 1 10.71.52.1
ip netns exec r curl http://10.71.50.1/
ip netns exec r curl http://10.71.51.1/
ip netns exec r curl http://10.71.52.1/
ip netns exec r traceroute -n 10.71.51.1
ip netns exec r traceroute -n 10.71.52.1
ip netns exec r traceroute -n 10.71.50.1
# the same prefix as an ordinary route is refused while the special one exists
ip -n r route add 10.71.50.0/24 via 10.71.0.2
ip -n r route del blackhole 10.71.50.0/24
ip -n r route add unreachable default
ip netns exec h ping -c 1 10.71.99.1
ip netns exec h ping -c 1 10.71.50.1
