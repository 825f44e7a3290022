import socket

client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
client.connect(("localhost", 63000))
while True:
    msg = input("> ")
    client.send(msg.encode())
    if msg == "fin":
        break
    print(client.recv(1024).decode())
client.close()
