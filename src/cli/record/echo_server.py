#!/usr/bin/env python3
"""netlab recorder: the stand-in for `python3 -m http.server [--bind ADDR] [PORT]`.

Listens on IPv4 only (ADDR, or every address) and answers any GET or HEAD with
`200` and the body `client=ADDR`, ADDR being the peer address the kernel handed to
accept(): after DNAT / SNAT / MASQUERADE this shows which source survived the trip.
"""
import socket
import sys
import threading


def parse(argv):
    bind, port, i = "", 8000, 0
    while i < len(argv):
        a = argv[i]
        if a in ("--bind", "-b") and i + 1 < len(argv):
            bind, i = argv[i + 1], i + 2
            continue
        if a.isdigit():
            port = int(a)
        i += 1
    return bind, port


def answer(conn, peer):
    with conn:
        conn.settimeout(5)
        request = b""
        try:
            while b"\r\n\r\n" not in request and len(request) < 65536:
                chunk = conn.recv(4096)
                if not chunk:
                    break
                request += chunk
        except OSError:
            return
        body = ("client=%s\n" % peer[0]).encode()
        head = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n" % len(body)
        try:
            conn.sendall(head.encode() + (b"" if request.startswith(b"HEAD ") else body))
        except OSError:
            pass


def main():
    bind, port = parse(sys.argv[1:])
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((bind, port))
    # socketserver's request_queue_size: ss shows it as the listener's Send-Q
    srv.listen(5)
    while True:
        conn, peer = srv.accept()
        threading.Thread(target=answer, args=(conn, peer), daemon=True).start()


if __name__ == "__main__":
    main()
