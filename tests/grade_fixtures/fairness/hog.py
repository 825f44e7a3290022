"""A hostile classmate (grade fixture, tests/test_grade_fairness.py): a correct step-2 echo that,
once it listens, forks 200 processes spinning at full CPU for as long as they live. Without a CPU
share per submission, they starve whatever else the machine grades at the same time (issue 17:
the other `--jobs 2` slot's correct server "did not start")."""
import os
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)

for _ in range(200):
    try:
        if os.fork() == 0:
            serveur.close()
            while True:
                pass
    except OSError:
        break

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
