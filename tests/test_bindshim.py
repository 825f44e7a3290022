"""The bind shim (conformance/bindshim/sitecustomize.py) leaves the student's own errors alone: a wrong
call raises CPython's own message, a traceback shows none of the shim's frames, and a classic
beginner's mistake gets one line of hint in the run's language."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conformance.core.processes import BINDSHIM_DIR

HANDOUT_STEP1_MISTAKE = 'import socket\nserveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)\n' \
                        'serveur.bind("", 63000)\nserveur.listen(1)\n'
CONNECT_MISTAKE = 'import socket\ndef main():\n    c = socket.socket()\n    c.connect("localhost", 63000)\nmain()\n'
SEND_STR = ('import socket\ns = socket.socket()\ns.bind(("127.0.0.1", 0))\ns.listen(1)\n'
            'c = socket.create_connection(s.getsockname())\nc.send("Bonjour")\n')
NBSP = 'import socket\nserveur\u00a0= socket.socket()\n'
THREAD_CRASH = ('import socket, threading\ndef serve():\n    socket.socket().bind("", 63000)\n'
                't = threading.Thread(target=serve)\nt.start()\nt.join()\n')


def _run(tmp_path, source: str, shim: dict) -> str:
    path = tmp_path / "server.py"
    path.write_text(source, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("CANADUCK_") and k != "PYTHONPATH"}
    if shim:
        env.update(shim)
        env["PYTHONPATH"] = str(BINDSHIM_DIR)
    done = subprocess.run([sys.executable, str(path)], cwd=str(tmp_path), env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=60)
    return done.stderr


SERVER = {"CANADUCK_BIND_PORT": "45999"}
CLIENT = {"CANADUCK_CONNECT_PORT": "45998"}


@pytest.mark.parametrize("source, shim, hint", [
    (HANDOUT_STEP1_MISTAKE, SERVER, "bind() takes one argument, the tuple (host, port)"),
    (CONNECT_MISTAKE, CLIENT, "connect() takes one argument, the tuple (host, port)"),
    (SEND_STR, SERVER, "send() sends bytes: encode the text first"),
    (NBSP, SERVER, "a non-breaking space (U+00A0, copied from the PDF)"),
    (THREAD_CRASH, SERVER, "bind() takes one argument"),
])
def test_the_students_error_is_pythons_own_with_a_hint_and_no_shim_frame(tmp_path, source, shim, hint):
    plain = _run(tmp_path, source, {})
    shimmed = _run(tmp_path, source, shim)
    assert "sitecustomize" not in shimmed and "bindshim" not in shimmed
    # Python's own message, word for word: the last line of the traceback without the shim
    last = [line for line in plain.splitlines() if line.strip()][-1]
    assert last in shimmed.splitlines()
    hint_lines = [line for line in shimmed.splitlines() if line.startswith("hint: ")]
    assert len(hint_lines) == 1 and hint in hint_lines[0]
    # the hint above, then Python's own traceback, its error the last line
    assert shimmed.splitlines() == hint_lines + plain.splitlines()
    assert [line for line in shimmed.splitlines() if line.strip()][-1] == last


def test_the_handouts_bind_mistake_reads_as_cpython_says_it(tmp_path):
    shimmed = _run(tmp_path, HANDOUT_STEP1_MISTAKE, SERVER)
    assert "TypeError: socket.bind() takes exactly one argument (2 given)" in shimmed or sys.version_info < (3, 7)
    assert "_install.<locals>" not in shimmed


def test_the_hint_speaks_the_runs_language(tmp_path):
    shimmed = _run(tmp_path, HANDOUT_STEP1_MISTAKE, dict(SERVER, CANADUCK_LANG="fr"))
    assert "conseil : bind() prend un seul argument, le couple (hôte, port)" in shimmed


def test_without_the_suite_the_shim_does_nothing(tmp_path):
    assert "hint" not in _run(tmp_path, SEND_STR, {"CANADUCK_UNRELATED": "1"})
