"""The launcher: bind shim, readiness without connecting, start failures, clean stops."""
from __future__ import annotations

import os
import select
import socket
import sys
from pathlib import Path

import pytest

from conformance.core.processes import cpu_busy, kept_from_cpu
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


# -- a start's own time: what others kept the server from (conformance.core.processes) ----------

def test_a_server_kept_from_its_cpu_by_others_is_credited_the_time_it_lost():
    # one CPU, 1 s: the server ran 0.1 s, others had the CPU the rest of the time
    assert kept_from_cpu(1.0, 0.1, frozenset({0}), {0: 10.0}, {0: 11.0}) == pytest.approx(0.9)


def test_a_crowd_of_its_own_processes_on_idle_cpus_is_credited_nothing():
    # a fork bomb's processes wake, fail to fork and sleep: the tree wants the machine at every
    # sample, gains no CPU, and the CPUs are idle (issue 17: 3 x 65 s spent on one fork bomb)
    assert kept_from_cpu(1.0, 0.0, frozenset({0, 1}), {0: 5.0, 1: 5.0},
                         {0: 5.1, 1: 5.05}) == pytest.approx(0.075)
    # the tree itself is what keeps the CPUs busy: nothing is the machine's
    assert kept_from_cpu(1.0, 2.0, frozenset({0, 1}), {0: 0.0, 1: 0.0}, {0: 1.0, 1: 1.0}) == 0


def test_only_the_cpus_the_server_may_run_on_count():
    # loops busy on CPU 0, where the server is pinned; CPU 1 idle but out of its reach
    assert kept_from_cpu(2.0, 0.2, frozenset({0}), {0: 0.0, 1: 0.0},
                         {0: 2.0, 1: 0.0}) == pytest.approx(1.8)
    # half of CPU 0's time went to others: half of what the server lost is the machine's
    assert kept_from_cpu(2.0, 0.0, frozenset({0}), {0: 0.0}, {0: 1.0}) == pytest.approx(1.0)


def test_without_the_machines_accounts_the_trees_own_view_stands():
    assert kept_from_cpu(1.0, 0.25, frozenset({0}), {}, {}) == pytest.approx(0.75)
    assert kept_from_cpu(1.0, 0.25, frozenset(), {0: 0.0}, {0: 1.0}) == pytest.approx(0.75)


def test_the_machines_accounts_are_read_per_cpu():
    busy = cpu_busy()
    if not Path("/proc/stat").is_file():
        assert busy == {}
        return
    assert set(busy) >= os.sched_getaffinity(0) and all(v >= 0 for v in busy.values())
