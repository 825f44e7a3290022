"""Step 7, a thread prints what the server sends while the main loop reads input(); fin ends the
main loop, the server closing ends the whole program from the thread (os._exit).
canaduck-expect: step=7 role=client
"""
import os
import socket
import sys
import threading

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
try:
    client.connect(("localhost", 63000))
except ConnectionRefusedError:
    print("Impossible de se connecter au serveur.")
    sys.exit(1)

fin_demandee = threading.Event()


def recevoir():
    """Thread de réception : affiche chaque message du serveur."""
    while True:
        try:
            donnees = client.recv(1024)
        except OSError:
            donnees = b""
        if not donnees:
            if not fin_demandee.is_set():
                print("\nLe serveur a fermé la connexion.", flush=True)
                # Le programme principal attend dans input() : on arrête tout
                os._exit(0)
            return
        print("\nServeur :", donnees.decode(), flush=True)


recepteur = threading.Thread(target=recevoir, daemon=True)
recepteur.start()

while True:
    message = input("Vous : ")
    if message == "fin":
        fin_demandee.set()
    try:
        client.send(message.encode())
    except OSError:
        print("Connexion perdue.")
        break
    if message == "fin":
        break

# On réveille le thread de réception et on attend qu'il se termine
fin_demandee.set()
try:
    client.shutdown(socket.SHUT_RDWR)
except OSError:
    pass
recepteur.join(timeout=2)
client.close()
