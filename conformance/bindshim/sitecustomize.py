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

The student's own errors stay theirs: the replacements take any arguments and hand them on unchanged,
so a wrong call (the handout's ``bind("", 63000)``) raises CPython's own ``TypeError`` from the C
method, and a traceback printed for an uncaught exception (``sys.excepthook``, ``threading.excepthook``)
leaves out this file's frames. Below it, one line of hint in plain words for a beginner's classic
mistake (a tuple missing in ``bind``/``connect``, a ``str`` given to ``send``, a U+00A0 pasted from the
PDF), above the traceback, in ``$CANADUCK_LANG`` (en or fr, set by the suite).
"""
import os
import socket
import sys

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

    def bind(self, *args, **kwargs):
        if len(args) == 1 and not kwargs and _tcp_to_a_port(self, args[0]):
            host = "::1" if self.family == socket.AF_INET6 else "127.0.0.1"
            args = ((host, port) + tuple(args[0][2:]),)
        return original_bind(self, *args, **kwargs)

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

    _like(bind, original_bind)
    _like(listen, original_listen)
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

    def connect(self, *args, **kwargs):
        if len(args) == 1 and not kwargs:
            args = (redirected(self, args[0]),)
        return original_connect(self, *args, **kwargs)

    def connect_ex(self, *args, **kwargs):
        if len(args) == 1 and not kwargs:
            args = (redirected(self, args[0]),)
        return original_connect_ex(self, *args, **kwargs)

    _like(connect, original_connect)
    _like(connect_ex, original_connect_ex)
    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex


def _like(wrapper, original):
    """``wrapper`` named and documented as the method it stands for (``help()``, ``repr``)."""
    for name in ("__name__", "__qualname__", "__doc__"):
        try:
            setattr(wrapper, name, getattr(original, name))
        except (AttributeError, TypeError):
            pass


def _without_shim(tb):
    """A traceback without this file's frames (the student's own code is what they read)."""
    kept = []
    while tb is not None:
        if os.path.abspath(tb.tb_frame.f_code.co_filename) != _HERE:
            kept.append(tb)
        tb = tb.tb_next
    for current, following in zip(kept, kept[1:] + [None]):
        try:
            current.tb_next = following
        except (AttributeError, TypeError, ValueError):      # Python < 3.7: leave it whole
            return kept[0] if kept else None
    return kept[0] if kept else None


def _clean(exc, seen=None):
    seen = set() if seen is None else seen
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    exc.__traceback__ = _without_shim(exc.__traceback__)
    _clean(exc.__cause__, seen)
    _clean(exc.__context__, seen)


_HINTS = {
    "bind": ("hint: bind() takes one argument, the tuple (host, port): serveur.bind((\"\", 63000))",
             "conseil : bind() prend un seul argument, le couple (hôte, port) : serveur.bind((\"\", 63000))"),
    "connect": ("hint: connect() takes one argument, the tuple (host, port): client.connect((\"localhost\", 63000))",
                "conseil : connect() prend un seul argument, le couple (hôte, port) :"
                " client.connect((\"localhost\", 63000))"),
    "send": ("hint: send() sends bytes: encode the text first, conn.send(message.encode())",
             "conseil : send() envoie des octets : encodez d'abord le texte, conn.send(message.encode())"),
    "nbsp": ("hint: a non-breaking space (U+00A0, copied from the PDF) is in your file: retype that space",
             "conseil : une espace insécable (U+00A0, copiée depuis le PDF) est dans votre fichier :"
             " retapez cette espace"),
}


def _hint(exc):
    """One line of plain advice for a beginner's classic mistake, or None."""
    text = str(exc)
    key = None
    if isinstance(exc, SyntaxError) and ("U+00A0" in text or "\xa0" in (exc.text or "")):
        key = "nbsp"
    elif isinstance(exc, TypeError) and text.startswith(("socket.bind()", "bind()")):
        key = "bind"
    elif isinstance(exc, TypeError) and text.startswith(("socket.connect()", "connect()", "connect_ex()")):
        key = "connect"
    elif isinstance(exc, TypeError) and "bytes-like object is required, not 'str'" in text:
        key = "send"
    if key is None:
        return None
    lang = os.environ.get("CANADUCK_LANG", "")
    return _HINTS[key][1 if lang.startswith("fr") else 0]


def _write_hint(exc):
    """The hint goes above the traceback: the error itself stays the last line (what a reader, and
    the grader's one-line reason, take as the error)."""
    hint = _hint(exc)
    if hint:
        try:
            sys.stderr.write(hint + "\n")
            sys.stderr.flush()
        except Exception:
            pass


def _install_excepthooks():
    original = sys.excepthook

    def excepthook(kind, exc, tb):
        _clean(exc)
        _write_hint(exc)
        original(kind, exc, exc.__traceback__ if exc is not None else tb)

    sys.excepthook = excepthook
    try:
        import threading
    except ImportError:
        return
    original_thread_hook = getattr(threading, "excepthook", None)
    if original_thread_hook is None:       # Python < 3.8
        return

    def thread_excepthook(args):
        _clean(args.exc_value)
        _write_hint(args.exc_value)
        original_thread_hook(args)

    threading.excepthook = thread_excepthook


_HERE = os.path.abspath(__file__)
if _PORT.isdigit():
    _install()
if _CONNECT_PORT.isdigit():
    _install_connect()
if _PORT.isdigit() or _CONNECT_PORT.isdigit():
    _install_excepthooks()
