"""Step 3 written as step 2 with the errors handled: EOF, resets and bad UTF-8 end the session
cleanly, but there is no accept loop, so the server exits (code 0) after its first client.
canaduck-expect: step=3 fails=SEQ-1
"""
import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
serveur.bind(("", 63000))
serveur.listen(5)
conn, addr = serveur.accept()
print("Connexion de", addr)
try:
    while True:
        data = conn.recv(1024)
        if not data:  # le client est parti
            break
        msg = data.decode(errors="replace")
        if msg == "fin":
            break
        conn.send(msg.encode())
except (ConnectionResetError, BrokenPipeError) as e:
    print("Client perdu :", e)
conn.close()
serveur.close()
print("Fin du serveur")
