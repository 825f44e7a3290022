"""The student's path on a laptop without Linux's pieces, simulated here on Linux.

macOS and Windows have no /proc: readiness then rests on the bind shim's ready file alone, and the
accept queue is undecided. Windows has no ``os.killpg`` (nor ``signal.SIGKILL``, which the suite
only uses where killpg exists): a server gets ``CREATE_NEW_PROCESS_GROUP`` and is stopped with
``taskkill /T /F``, then ``kill()``. What this file cannot show: a real Windows or macOS run, and
taskkill itself (replaced here by a recorder).
"""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conformance.core import processes
from conformance.server_under_test import launcher

REPO = Path(__file__).resolve().parent.parent
REFERENCE = f"{sys.executable} -m reference_impl --step 3 --host 127.0.0.1 --port {{port}}"


def _echo(address, text: bytes) -> bytes:
    with socket.create_connection(address, timeout=5) as sock:
        sock.sendall(text)
        return sock.recv(1024)


@pytest.fixture
def no_proc(monkeypatch, tmp_path):
    monkeypatch.setattr(launcher, "PROC_NET_DIR", tmp_path / "no-proc-net")


def test_without_proc_readiness_is_the_ready_file(no_proc):
    server = launcher.launch(REFERENCE, start_timeout=10, cwd=str(REPO))
    try:
        assert launcher.listening_host(server.port) is None        # /proc is out of sight
        assert launcher.accept_queue(server.port) is None
        assert server.accepted_all(0.1) is True                     # undecided, never "stopped"
        assert _echo(server.address, b"salut") == b"salut"
    finally:
        server.stop()
    assert server.proc.poll() is not None


def test_without_proc_a_server_that_never_listens_is_reported(no_proc, tmp_path):
    script = tmp_path / "no_listen.py"
    script.write_text("import sys\nsys.stdin.read()\n")
    with pytest.raises(launcher.ServerDidNotStart, match="bound nothing within 0.5 s"):
        launcher.launch(f"{sys.executable} {script}", start_timeout=0.5)


def test_without_process_groups_the_tree_is_stopped_the_windows_way(monkeypatch):
    killed = []
    monkeypatch.delattr(os, "killpg")      # (signal.SIGKILL stays: Linux's Popen.kill() needs it)
    monkeypatch.setattr(processes, "_taskkill_tree", killed.append)
    assert processes.group_options() == {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    server = launcher.launch(REFERENCE, start_timeout=10, cwd=str(REPO))
    try:
        assert os.getpgid(server.proc.pid) == os.getpgid(0)       # no session of its own: no group
        assert _echo(server.address, b"coucou") == b"coucou"
    finally:
        server.stop()
    assert killed == [server.proc.pid]
    assert server.proc.poll() is not None                           # kill() after taskkill


def test_taskkill_is_asked_for_the_whole_tree(monkeypatch):
    calls = []
    monkeypatch.setattr(processes.subprocess, "run", lambda argv, **kw: calls.append(argv))
    processes._taskkill_tree(4242)
    assert calls == [["taskkill", "/T", "/F", "/PID", "4242"]]


def test_no_hard_coded_tmp_on_the_student_path():
    """Temporary files come from tempfile (the user's TEMP on Windows), never a literal /tmp."""
    offenders = [f"{path.relative_to(REPO)}:{number}"
                 for folder in ("conformance", "reference_impl") for path in sorted((REPO / folder).rglob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if re.search(r"[\"']/tmp\b", line)]
    assert not offenders
