# The namespace's files: /proc/sys/net read with cat and written with echo > (bash opens the
# file in its own namespace, before ip netns exec runs), sysctl -n/-N/-b, the devices in
# /sys/class/net, and hostname -I (every address but loopback's)
ip netns add a
ip link add v0 type veth peer name v1 netns a
ip link add br0 type bridge
ip addr add 10.73.0.1/24 dev v0
ip link set v0 up
ip -n a addr add 10.73.0.2/24 dev v1
ip -n a addr add 10.73.1.2/24 dev v1
ip -n a link set v1 up
cat /proc/sys/net/ipv4/ip_forward
echo 1 > /proc/sys/net/ipv4/ip_forward
cat /proc/sys/net/ipv4/ip_forward
sysctl net.ipv4.ip_forward
ip netns exec a cat /proc/sys/net/ipv4/ip_forward
ip netns exec a echo 1 > /proc/sys/net/ipv4/conf/all/rp_filter
cat /proc/sys/net/ipv4/conf/all/rp_filter
ip netns exec a cat /proc/sys/net/ipv4/conf/all/rp_filter
echo 2 > /proc/sys/net/ipv4/conf/v0/rp_filter
cat /proc/sys/net/ipv4/conf/v0/rp_filter /proc/sys/net/ipv4/conf/lo/rp_filter
echo yes > /proc/sys/net/ipv4/ip_forward
echo 1 > /proc/sys/net/ipv4/nosuch
cat /proc/sys/net/ipv4/nosuch
cat /proc/sys/net/ipv4/ip_forward
sysctl -n net.ipv4.ip_forward
sysctl -N net.ipv4.ip_forward
sysctl -n net.ipv4.conf.v0.rp_filter net.ipv4.ip_default_ttl
ip netns exec a sysctl -n net.ipv4.ip_forward
ls -1 /sys/class/net
ip netns exec a ls -1 /sys/class/net
ls -1 /proc/sys/net/ipv4/conf
ip netns exec a hostname -I
hostname -I
