# curl 7.88.1's connect failures as it prints them: a dropped SYN with --connect-timeout and
# with -m (exit 28), ICMP errors from a REJECT (No route to host, Network is unreachable,
# Connection refused: all exit 7), no route at all (an immediate connect fail), and -w on failure.
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.39.1.1/24 dev eth0
ip -n b addr add 10.39.1.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b iptables -A INPUT -p tcp --dport 81 -j DROP
ip netns exec b iptables -A INPUT -p tcp --dport 82 -j REJECT --reject-with icmp-host-unreachable
ip netns exec b iptables -A INPUT -p tcp --dport 83 -j REJECT --reject-with icmp-net-unreachable
ip netns exec b iptables -A INPUT -p tcp --dport 84 -j REJECT --reject-with icmp-port-unreachable
ip netns exec b iptables -A INPUT -p tcp --dport 85 -j REJECT --reject-with icmp-admin-prohibited
ip netns exec b iptables -A INPUT -p tcp --dport 86 -j REJECT --reject-with tcp-reset
ip netns exec b python3 -m http.server --bind 10.39.1.2 80 &
ip netns exec a curl -sS --connect-timeout 1 http://10.39.1.2:81/
ip netns exec a curl -sv --connect-timeout 1 http://10.39.1.2:81/
ip netns exec a curl -sS -m 1 http://10.39.1.2:81/
ip netns exec a curl -sv -m 1 http://10.39.1.2:81/
ip netns exec a curl -sv http://10.39.1.2:82/
ip netns exec a curl -sv http://10.39.1.2:83/
ip netns exec a curl -sv http://10.39.1.2:84/
ip netns exec a curl -sv http://10.39.1.2:85/
ip netns exec a curl -sv http://10.39.1.2:86/
ip netns exec a curl -sS http://10.39.1.2:85/
ip netns exec a curl -sv http://10.39.9.9/
ip netns exec a curl -sS http://10.39.9.9/
ip netns exec a curl -s -w '%{http_code} %{exitcode} %{errormsg}\n' http://10.39.1.2:84/
ip netns exec a curl -s -w '%{http_code} %{exitcode}\n' --connect-timeout 1 http://10.39.1.2:81/
ip netns exec a curl -s -o /dev/null -w '%{http_code} %{remote_ip} %{remote_port}\n' http://10.39.1.2/
ip netns exec a curl -s -w '%{nosuchvar}\n' -o /dev/null http://10.39.1.2/
ip netns exec b python3 -m http.server --bind 10.39.1.2 80 &
ip netns exec b python3 -m http.server --bind 10.39.1.2 8080 &
ip netns exec a curl -sI http://10.39.1.2:8080/
