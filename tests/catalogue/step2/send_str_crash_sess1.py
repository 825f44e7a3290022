"""Step 2 with the handout's classic mistake: `conn.send(msg)` of a str. The first send raises
TypeError and the server dies before any reply: SESS-1 (one exchange, then nothing), and every
clause that needs a reply is not reached.
canaduck-expect: step=2 fails=SESS-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(1)
conn, addr = serveur.accept()
while True:
    msg = conn.recv(1024).decode()
    if msg == "fin":
        break
    conn.send(msg)
conn.close()
