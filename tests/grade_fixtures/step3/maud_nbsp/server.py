import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(1) # en attente d'un client
conn, addr = serveur.accept()
print("Connexion de", addr)
conn.close()
