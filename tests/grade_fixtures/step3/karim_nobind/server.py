import socket

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
nom = input("Adresse du serveur ? ")  # wrong file handed in: this waits for a human
client.close()
