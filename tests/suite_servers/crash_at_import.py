"""A server that crashes before listening (a typo in the student's code)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind("", 63000)        # the handout's own typo: bind() takes one tuple
server.listen(1)
