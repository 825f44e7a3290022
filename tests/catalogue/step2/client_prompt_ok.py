"""Step 2, prompt style: input("Vous : "), print("Serveur :", reponse), 127.0.0.1 hard-coded.
canaduck-expect: step=2 role=client
"""
import socket
import sys

HOTE = "127.0.0.1"
PORT = 63000

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect((HOTE, PORT))
except (ConnectionRefusedError, OSError) as erreur:
    print(f"Erreur : impossible de se connecter à {HOTE}:{PORT} ({erreur})")
    sys.exit(1)
print("Connecté au serveur ! Tapez fin pour quitter.")

try:
    while True:
        message = input("Vous : ")
        client.send(message.encode("utf-8"))
        if message == "fin":
            print("Au revoir !")
            break
        reponse = client.recv(1024).decode("utf-8")
        if reponse == "":
            print("Le serveur a fermé la connexion.")
            break
        print("Serveur :", reponse)
except (BrokenPipeError, ConnectionResetError):
    print("Le serveur s'est déconnecté.")
except (EOFError, KeyboardInterrupt):
    print("\nFin de la saisie, au revoir.")
finally:
    client.close()
