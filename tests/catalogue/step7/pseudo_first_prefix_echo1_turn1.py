"""Step 7, threads, raw framing, but the student kept step 6's habit: the first message of each
client is read as its pseudo and gets no reply; every later message comes back as
"pseudo > message". Two faults: the first message is not answered (TURN-1) and the echo carries a
prefix (ECHO-1). Raw framing: the bare "\\n" of a line-framing probe is just one more message.
canaduck-expect: step=7 fails=ECHO-1,TURN-1
"""
import socket
import threading


def gerer_client(conn, addr):
    try:
        # Le premier message du client est son pseudo
        pseudo = conn.recv(1024).decode(errors="replace")
        while True:
            data = conn.recv(1024)
            if not data:
                break
            msg = data.decode(errors="replace")
            if msg == "fin":
                break
            conn.send(f"{pseudo} > {msg}".encode())
    except (ConnectionResetError, BrokenPipeError):
        print(addr, "a disparu")
    finally:
        conn.close()


serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(50)

while True:
    conn, addr = serveur.accept()
    threading.Thread(target=gerer_client, args=(conn, addr), daemon=True).start()
