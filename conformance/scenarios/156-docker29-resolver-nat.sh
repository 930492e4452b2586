# Docker's embedded DNS in a container's namespace (libnetwork's setupIptablesNAT at
# docker-v29.7.2), in plain commands: 127.0.0.11:53 is sent to the resolver's own ports by a
# DNAT in nat OUTPUT (tcp inserted above udp), its answers leave with source port 53. An HTTP
# server on the TCP port stands in for the resolver's TCP socket: curl to :53 reaches it
# through the DNAT, and no longer once DOCKER_OUTPUT is flushed.
ip netns add c1
ip -n c1 link set lo up
ip netns exec c1 iptables -t nat -N DOCKER_OUTPUT
ip netns exec c1 iptables -t nat -I OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT
ip netns exec c1 iptables -t nat -N DOCKER_POSTROUTING
ip netns exec c1 iptables -t nat -I POSTROUTING -d 127.0.0.11 -j DOCKER_POSTROUTING
ip netns exec c1 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p udp --dport 53 -j DNAT --to-destination 127.0.0.11:51361
ip netns exec c1 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p udp --sport 51361 -j SNAT --to-source :53
ip netns exec c1 iptables -t nat -I DOCKER_OUTPUT -d 127.0.0.11 -p tcp --dport 53 -j DNAT --to-destination 127.0.0.11:46878
ip netns exec c1 iptables -t nat -I DOCKER_POSTROUTING -s 127.0.0.11 -p tcp --sport 46878 -j SNAT --to-source :53
ip netns exec c1 python3 -m http.server --bind 127.0.0.11 46878 &
ip netns exec c1 iptables -t nat -S
ip netns exec c1 iptables -t nat -L -n
ip netns exec c1 ping -c 1 127.0.0.11
ip netns exec c1 curl http://127.0.0.11:53/
ip netns exec c1 curl http://127.0.0.11:46878/
# 127.0.0.1 is not 127.0.0.11: no DNAT, nothing listens on 53
ip netns exec c1 curl http://127.0.0.1:53/
ip netns exec c1 iptables -t nat -F DOCKER_OUTPUT
ip netns exec c1 curl http://127.0.0.11:53/
ip netns exec c1 iptables -t nat -S DOCKER_OUTPUT
