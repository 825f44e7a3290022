"""Bind shim, loaded by a server under test through PYTHONPATH (see ARCHITECTURE.md).

Moves any TCP ``bind()`` to a non-zero port onto ``127.0.0.1:$CANADUCK_BIND_PORT`` (``::1`` for an
IPv6 socket), so the handout's hard-coded 63000, a LAN address or ``""`` all end up on the free
loopback port the suite chose, and several servers run side by side. After ``listen()`` it writes
the port to ``$CANADUCK_READY_FILE``: the suite's readiness signal (it never probes with a
``connect()``, which would use up a one-shot server's only client).
A client under test gets ``CANADUCK_CONNECT_PORT`` instead: any TCP ``connect()`` (and
``connect_ex()``) to a non-zero port goes to ``127.0.0.1`` on that port (``::ffff:127.0.0.1`` for an
IPv6 socket), so ``connect(("localhost", 63000))`` or a classmate's LAN address reaches the server
the suite plays.
Each part does nothing when its variable is not set. Standard library only, Python 3.6+.
"""
import os
import socket

_PORT = os.environ.get("CANADUCK_BIND_PORT", "")
_READY_FILE = os.environ.get("CANADUCK_READY_FILE", "")
_CONNECT_PORT = os.environ.get("CANADUCK_CONNECT_PORT", "")


def _tcp_to_a_port(sock, address):
    """A TCP socket's address with a non-zero port: what the shim moves."""
    try:
        return (sock.type == socket.SOCK_STREAM and sock.family in (socket.AF_INET, socket.AF_INET6)
                and isinstance(address, tuple) and len(address) >= 2 and address[1] not in (0, "0"))
    except Exception:
        return False


def _install():
    port = int(_PORT)
    original_bind = socket.socket.bind
    original_listen = socket.socket.listen

    def bind(self, address):
        if _tcp_to_a_port(self, address):
            host = "::1" if self.family == socket.AF_INET6 else "127.0.0.1"
            address = (host, port) + tuple(address[2:])
        return original_bind(self, address)

    def listen(self, *args):
        result = original_listen(self, *args)
        try:
            bound = self.getsockname()
        except OSError:
            bound = None
        if _READY_FILE and isinstance(bound, tuple) and len(bound) >= 2 and bound[1] == port:
            host = "::1" if self.family == socket.AF_INET6 else "127.0.0.1"
            tmp = _READY_FILE + ".tmp"
            try:     # never let the signal break the server's own listen() (Windows: file in use)
                with open(tmp, "w") as handle:
                    handle.write("%d\n%s\n" % (port, host))
                os.replace(tmp, _READY_FILE)
            except OSError:
                pass
        return result

    socket.socket.bind = bind
    socket.socket.listen = listen


def _install_connect():
    port = int(_CONNECT_PORT)
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex

    def redirected(self, address):
        if not _tcp_to_a_port(self, address):
            return address
        if self.family == socket.AF_INET6:
            return ("::ffff:127.0.0.1", port) + tuple(address[2:])
        return ("127.0.0.1", port)

    def connect(self, address):
        return original_connect(self, redirected(self, address))

    def connect_ex(self, address):
        return original_connect_ex(self, redirected(self, address))

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex


if _PORT.isdigit():
    _install()
if _CONNECT_PORT.isdigit():
    _install_connect()
