# A whole TCP connection on the wire: curl fetches a page from an HTTP server. The handshake
# carries the SYN options (mss, sackOK, TS, nop, wscale); after it tcpdump prints sequence and
# acknowledgement numbers relative to each side's initial one, the window, the timestamps and
# the payload length; then both sides close with FIN. Seen at once plain, -v (the IP header's
# tos, ttl, id, offset, flags, proto, length and the TCP checksum), -vv, -q, -A, -x and -X.
ip netns add cli
ip netns add srv
ip link add eth0 netns cli type veth peer name eth0 netns srv
ip -n cli addr add 10.41.0.1/24 dev eth0
ip -n srv addr add 10.41.0.2/24 dev eth0
ip -n cli link set eth0 up
ip -n srv link set eth0 up
ip netns exec srv python3 -m http.server --bind 10.41.0.2 8000 &
ip netns exec cli tcpdump -n -l -i eth0 tcp &
ip netns exec cli tcpdump -n -l -v -i eth0 tcp &
ip netns exec srv tcpdump -n -l -vv -i eth0 tcp &
ip netns exec cli tcpdump -n -l -q -i eth0 tcp &
ip netns exec srv tcpdump -n -l -A -i eth0 tcp &
ip netns exec cli tcpdump -n -l -x -i eth0 tcp &
ip netns exec srv tcpdump -n -l -X -i eth0 tcp &
ip netns exec cli curl http://10.41.0.2:8000/
