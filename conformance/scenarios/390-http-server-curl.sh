# python3 -m http.server (Python 3.11.2) serving an empty directory, and curl 7.88.1's output:
# the listing, a 404 and a 501 with Python's error pages, -v's request and response headers,
# -I (HEAD), -i, -s -o /dev/null -w, -H, -X, -f; a refused connect with -v; the server's
# "Serving HTTP on …" line and its request log (one line per request, two for an error).
ip netns add a
ip netns add b
ip link add eth0 netns a type veth peer name eth0 netns b
ip -n a addr add 10.39.0.1/24 dev eth0
ip -n b addr add 10.39.0.2/24 dev eth0
ip -n a link set eth0 up
ip -n b link set eth0 up
ip netns exec b python3 -m http.server 8000 &
ip netns exec a curl http://10.39.0.2:8000/
ip netns exec a curl -s http://10.39.0.2:8000/
ip netns exec a curl -sv http://10.39.0.2:8000/
ip netns exec a curl -sI http://10.39.0.2:8000/
ip netns exec a curl -si http://10.39.0.2:8000/missing.html
ip netns exec a curl -sI http://10.39.0.2:8000/missing.html
ip netns exec a curl -s -o /dev/null -w '%{http_code}\n' http://10.39.0.2:8000/
ip netns exec a curl -s -o /dev/null -w '%{http_code} %{response_code} %{size_download} %{size_header} %{size_request} %{content_type} %{num_connects} %{method} %{http_version} %{remote_ip} %{remote_port} %{local_ip} %{exitcode}\n' http://10.39.0.2:8000/
ip netns exec a curl -s -X POST http://10.39.0.2:8000/
ip netns exec a curl -s -o /dev/null -w '%{http_code}\n' -X DELETE http://10.39.0.2:8000/
ip netns exec a curl -sv -o /dev/null -H 'X-Lab: one' -H 'Accept:' http://10.39.0.2:8000/
ip netns exec a curl -sf http://10.39.0.2:8000/nothing
ip netns exec a curl -sSf http://10.39.0.2:8000/nothing
ip netns exec a curl -s http://10.39.0.2:8000/?q=1
ip netns exec a curl -sv http://10.39.0.2:8001/
ip netns exec a curl -sS http://10.39.0.2:8001/
ip netns exec a curl -s -w '%{http_code} %{exitcode}\n' http://10.39.0.2:8001/
ip netns exec a curl -o
ip netns exec a curl --nope http://10.39.0.2:8000/
ip netns exec a curl -m x http://10.39.0.2:8000/
