"""Step 5 server built on eval(), as in the handout (faults: CALC-4, CALC-5)."""
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("", 63000))
server.listen(5)
while True:
    conn, addr = server.accept()
    try:
        while True:
            data = conn.recv(1024)
            if not data:
                break
            expression = data.decode("utf-8", "replace")
            if expression == "fin":
                break
            try:
                result = eval(expression)
                conn.send(str(result).encode())
            except Exception as e:
                conn.send(f"Erreur: {e}".encode())
    except OSError:
        pass
    conn.close()
