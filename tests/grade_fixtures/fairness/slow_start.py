"""Step 2's echo with a start that needs CPU (a grade fixture, tests/test_grade_fairness.py): it
computes for `spin.txt` seconds of its own CPU time before it listens, on CPU 0 only, where the
test keeps busy loops; once listening it may run on every CPU again. Idle, it listens well within
the start timeout; on the loaded CPU it waits for a CPU most of that time: the machine's fault,
not its own. Otherwise the handout's loop, one client at a time (raw framing)."""
import os
import socket
import time
from pathlib import Path

every_cpu = os.sched_getaffinity(0)
os.sched_setaffinity(0, {0})
spin = Path(__file__).with_name("spin.txt")
work = float(spin.read_text()) if spin.exists() else 0.0
while time.process_time() < work:
    sum(range(1000))

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)
os.sched_setaffinity(0, every_cpu)

while True:
    conn, addr = serveur.accept()
    while True:
        data = conn.recv(1024)
        if not data:
            break
        msg = data.decode(errors="replace")
        if msg == "fin":
            break
        conn.send(data)
    conn.close()
