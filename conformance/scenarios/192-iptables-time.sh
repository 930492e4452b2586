# libxt_time as iptables prints it back: --timestart/--timestop as hh:mm:ss, --monthdays and --weekdays
# (names by their first two letters, numbers, ! as the complement), dates in UTC, --datestop always
# printed (the default included), --kerneltz, --contiguous; its messages for bad days, dates and times.
ip netns add a
ip netns exec a iptables -A INPUT -m time --timestart 01:00 --timestop 02:00
ip netns exec a iptables -A INPUT -m time --weekdays Mo,tu,7 --monthdays 31,1
ip netns exec a iptables -A INPUT -m time ! --weekdays Sat,Sun
ip netns exec a iptables -A INPUT -m time ! --monthdays 1
ip netns exec a iptables -A INPUT -m time --datestart 2020
ip netns exec a iptables -A INPUT -m time --datestop 2038-01-19T03:14:07
ip netns exec a iptables -A INPUT -m time --datestop 2039
ip netns exec a iptables -A INPUT -m time --timestart 1:2:3
ip netns exec a iptables -A INPUT -m time --timestart 24:00
ip netns exec a iptables -A INPUT -m time --weekdays 0
ip netns exec a iptables -A INPUT -m time --weekdays Xy
ip netns exec a iptables -A INPUT -m time --monthdays 32
ip netns exec a iptables -A INPUT -m time --timestart 22:00 --timestop 06:00 --contiguous
ip netns exec a iptables -A INPUT -m time --timestart 02:00 --timestop 06:00 --contiguous
ip netns exec a iptables -A INPUT -m time --utc
ip netns exec a iptables -A INPUT -m time --utc --kerneltz
ip netns exec a iptables -A INPUT -m time --monthdays 0
ip netns exec a iptables -A INPUT -m time --weekdays Mon,Monday
ip netns exec a iptables -S INPUT
