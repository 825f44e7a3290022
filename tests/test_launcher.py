"""The launcher: bind shim, readiness without connecting, start failures, clean stops."""
from __future__ import annotations

import os
import select
import socket
import sys
from pathlib import Path

import pytest

from conformance.server_under_test.launcher import ServerDidNotStart, launch, listening_host

SERVERS = Path(__file__).resolve().parent / "suite_servers"
PY = sys.executable


def _exchange(address, text: bytes) -> bytes:
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(text)
        return sock.recv(1024)


def test_hardcoded_port_is_moved_and_one_shot_server_not_consumed():
    server = launch(f"{PY} {SERVERS / 'oneshot_hardcoded.py'}", start_timeout=10)
    try:
        assert server.port != 63000
        assert server.address == ("127.0.0.1", server.port)
        # readiness used no connection: the one-shot server still has its only client to serve
        assert _exchange(server.address, "Bonjour serveur !".encode()) == "Bonjour client !".encode()
        assert server.stdout.wait_for("Bonjour serveur", 5)
    finally:
        server.stop()


def test_crash_before_listening_raises_with_traceback():
    with pytest.raises(ServerDidNotStart) as info:
        launch(f"{PY} {SERVERS / 'crash_at_import.py'}", start_timeout=10)
    message = str(info.value)
    assert "exited with code 1" in message and "TypeError" in message and "Traceback" in message


def test_server_that_never_listens(tmp_path):
    script = tmp_path / "no_listen.py"
    script.write_text("import sys\nsys.stdin.read()\n")
    with pytest.raises(ServerDidNotStart, match="bound nothing within 0.5 s"):
        launch(f"{PY} {script}", start_timeout=0.5)


def test_port_placeholder_and_env(tmp_path):
    script = tmp_path / "port_arg.py"
    script.write_text(
        "import os, socket, sys\n"
        "assert sys.argv[1] == os.environ['PORT'], (sys.argv, os.environ['PORT'])\n"
        "s = socket.socket(); s.bind(('0.0.0.0', int(sys.argv[1]))); s.listen(1)\n"
        "c, _ = s.accept(); c.sendall(c.recv(100)); c.close()\n")
    server = launch(f"{PY} {script} {{port}}", start_timeout=10)
    try:
        assert _exchange(server.address, b"ping") == b"ping"
    finally:
        server.stop()


def test_stop_kills_the_whole_process_group(tmp_path):
    script = tmp_path / "parent.py"
    pid_file = tmp_path / "child.pid"
    script.write_text(
        "import socket, subprocess, sys, time\n"
        f"child = subprocess.Popen([sys.executable, '-c', 'import time; time.sleep(300)'])\n"
        f"open({str(pid_file)!r}, 'w').write(str(child.pid))\n"
        "s = socket.socket(); s.bind(('', 63000)); s.listen(1)\n"
        "while True: time.sleep(1)\n")
    server = launch(f"{PY} {script}", start_timeout=10)
    port = server.port
    child = int(pid_file.read_text())
    try:
        child_fd = os.pidfd_open(child)
    except ProcessLookupError:
        pytest.fail("the child died before the server was stopped")
    try:
        server.stop()
        assert listening_host(port) is None
        assert server.proc.poll() is not None
        ready, _, _ = select.select([child_fd], [], [], 5)     # readable once the child has exited
        assert ready, "the server's child survived stop()"
    finally:
        os.close(child_fd)
