# libxt_sctp as iptables prints it back: --chunk-types ANY|ALL|ONLY with ALL, NONE or chunk names
# (any case) and flag letters (upper set, lower unset), printed in chunk-number order; ports
# printed even as a whole range; its own messages for a repeated option, a missing list, a bad
# match type, chunk or flag; dccp ports likewise printed whole.
ip netns add a
ip netns exec a iptables -A INPUT -p sctp --sport 0:65535
ip netns exec a iptables -A INPUT -p sctp --dport :
ip netns exec a iptables -A INPUT -p sctp ! --sport 20:30 ! --dport 40
ip netns exec a iptables -A INPUT -p sctp --chunk-types ANY data:-,init
ip netns exec a iptables -A INPUT -p sctp --chunk-types any DATA:i,ABORT:t,SHUTDOWN_COMPLETE:T,DATA:E,INIT
ip netns exec a iptables -A INPUT -p sctp --chunk-types only PAD,ASCONF,ASCONF_ACK,I_FORWARD_TSN,RE_CONFIG
ip netns exec a iptables -A INPUT -p sctp ! --chunk-types only ALL
ip netns exec a iptables -A INPUT -p sctp --chunk-types all none
ip netns exec a iptables -A INPUT -p sctp --chunk-types all I_DATA:I
ip netns exec a iptables -A INPUT -p sctp --chunk-types all
ip netns exec a iptables -A INPUT -p sctp --chunk-types all -j ACCEPT
ip netns exec a iptables -A INPUT -p sctp --chunk-types all INIT:x
ip netns exec a iptables -A INPUT -p sctp --chunk-types foo INIT
ip netns exec a iptables -A INPUT -p sctp --chunk-types all FOO
ip netns exec a iptables -A INPUT -p sctp --chunk-types all INIT --chunk-types any DATA
ip netns exec a iptables -A INPUT -p sctp --sport 1 --sport 2
ip netns exec a iptables -A INPUT -p sctp --chunk-types any DATA:I,ABORT:T,SHUTDOWN_COMPLETE:T,DATA:E,INIT,ABORT:t
ip netns exec a iptables -A INPUT -p sctp --chunk-types any DATA:I,ABORT:T,SHUTDOWN_COMPLETE:T,INIT:-,SACK:-
ip netns exec a iptables -A INPUT -p dccp --sport 0:65535
ip netns exec a iptables -S INPUT
