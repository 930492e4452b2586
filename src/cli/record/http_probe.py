#!/usr/bin/env python3
"""netlab recorder: the `curl URL` probe. One HTTP/1.0 GET with a 2 s timeout; prints one
JSON line: {"result": "ok", "http_code": N, "client": ADDR} or {"result": CLASS} where
CLASS names the errno the kernel gave connect() (or {"result": "error", "error": TEXT})."""
import errno
import json
import socket
import sys
from urllib.parse import urlsplit

CLASSES = {
    errno.ECONNREFUSED: "refused",
    errno.EHOSTUNREACH: "no-route",
    errno.ENETUNREACH: "net-unreachable",
    errno.EPERM: "operation-not-permitted",
    errno.ETIMEDOUT: "timeout",
}


def get(url):
    parts = urlsplit(url if "://" in url else "http://" + url)
    host, port = parts.hostname, parts.port or 80
    with socket.create_connection((host, port), timeout=2) as s:
        s.sendall(("GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" % (parts.path or "/", host)).encode())
        reply = bytearray()
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            reply += chunk
    head, _, body = bytes(reply).decode(errors="replace").partition("\r\n\r\n")
    status = head.split()
    if len(status) < 2 or not status[1].isdigit():
        return {"result": "error", "error": "malformed HTTP reply"}
    client = None
    for line in body.splitlines():
        if line.startswith("client="):
            client = line[len("client="):].strip()
            break
    return {"result": "ok", "http_code": int(status[1]), "client": client}


def main():
    try:
        out = get(sys.argv[1])
    except socket.timeout:
        out = {"result": "timeout"}
    except OSError as e:
        cls = CLASSES.get(e.errno)
        out = {"result": cls} if cls else {"result": "error", "error": str(e)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
