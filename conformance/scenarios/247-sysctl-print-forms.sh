# sysctl's print forms: -n the values only, -N the names only, -b the value without a
# newline, --values and --names, letters sharing one dash (-wn, -qw); -e skips keys that do
# not exist; a value out of range is refused and changes nothing.
sysctl -n net.ipv4.ip_forward
sysctl -N net.ipv4.ip_forward
sysctl -b net.ipv4.ip_default_ttl
sysctl -n net.ipv4.ip_forward net.ipv4.conf.all.rp_filter
sysctl --values net.ipv4.conf.lo.forwarding
sysctl --names net.ipv4.conf.lo.forwarding
sysctl -wn net.ipv4.ip_forward=1
sysctl -qw net.ipv4.conf.all.rp_filter=2
sysctl net.ipv4.conf.all.rp_filter
sysctl -n net.ipv4.conf.default.forwarding net.ipv4.conf.lo.forwarding
sysctl -e -n net.ipv4.nosuch net.ipv4.ip_forward
sysctl -n net.ipv4.nosuch
sysctl -w -n net.ipv4.ip_default_ttl=0
sysctl -Nw net.ipv4.ip_default_ttl=99
sysctl -n net.ipv4.ip_default_ttl
ip netns add a
ip netns exec a sysctl -n net.ipv4.ip_forward net.ipv4.ip_default_ttl
ip netns exec a sysctl -N net.ipv4.conf.all.rp_filter net.ipv4.conf.lo.rp_filter
