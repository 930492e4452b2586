# libxt_string as iptables prints it back: --string in quotes with \ before " and \, a pattern
# with an unprintable byte (or ending in \) as one --hex-string block, |hex| blocks with spaces
# and \-escaped literals read as libxt_string reads them, --from/--to/--icase; its messages, and
# the kernel's refusals (unknown algorithm, fsm, from past to, an empty pattern).
ip netns add a
ip netns exec a iptables -A INPUT -m string --algo bm --string 'a"b\c'
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string '|41 42|c'
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string 'a|0d0a|'
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string '|0g|'
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string '|0|'
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string '\|x'
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string '|41\|'
ip netns exec a iptables -A INPUT -m string --algo bm --string ''
ip netns exec a iptables -A INPUT -m string --algo bm --hex-string '| 41 |'
ip netns exec a iptables -A INPUT -m string ! --string 'GET /' --algo kmp --from 40 --to 1500 --icase
ip netns exec a iptables -A INPUT -m string --algo bm --string 'ab\'
ip netns exec a iptables -A INPUT -m string --algo wrong --string x
ip netns exec a iptables -A INPUT -m string --algo fsm --string x
ip netns exec a iptables -A INPUT -m string --algo bm --string x --from 10 --to 5
ip netns exec a iptables -A INPUT -m string --algo bm
ip netns exec a iptables -S INPUT
