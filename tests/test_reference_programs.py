"""The command lines: the student's client driven through its stdin, and the server's CLI.

Clauses: HELLO-1, ECHO-1, SESS-2, CALC-1, CALC-2, CMD-1 to CMD-4, CHAT-4 seen from the client;
GEN-2 (port option, clear message when the port is taken).
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reference_fixtures import FRAMINGS, REPO, ServerProcess, assert_clean_exit

CLIENT_TIMEOUT = 20
CLIENT_ENV = dict(os.environ, PYTHONIOENCODING="utf-8")


def run_client(step: int, port: int, framing: str, typed: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reference_impl.client", "--step", str(step), "--host", "127.0.0.1",
         "--port", str(port), "--framing", framing],
        input=typed.encode(), capture_output=True, cwd=REPO, timeout=CLIENT_TIMEOUT,
        env=CLIENT_ENV,
    )


@pytest.mark.parametrize("framing", FRAMINGS)
def test_step1_client(framing: str) -> None:
    with ServerProcess(1, framing) as server:
        done = run_client(1, server.port, framing, "")
        assert done.returncode == 0, done.stderr
        assert "Serveur : Bonjour client !" in done.stdout.decode()
    assert_clean_exit(server)


@pytest.mark.parametrize("framing", FRAMINGS)
def test_step2_client_skips_empty_and_overlong_lines(framing: str) -> None:
    with ServerProcess(2, framing) as server:
        done = run_client(2, server.port, framing, "Bonjour 🦆\n\n" + "x" * 1025 + "\nfin\n")
        output = done.stdout.decode()
        assert done.returncode == 0, done.stderr
        assert "Serveur : Bonjour 🦆" in output
        assert "Message vide" in output and "trop long" in output
        assert server.wait_exit() == 0  # the client's "fin" ended the one-shot server


@pytest.mark.parametrize("framing", FRAMINGS)
def test_step5_client_ends_with_fin_on_end_of_input(framing: str) -> None:
    with ServerProcess(5, framing) as server:
        done = run_client(5, server.port, framing, "3*5+1\n1/0\n")
        output = done.stdout.decode()
        assert done.returncode == 0, done.stderr
        assert "Serveur : 16" in output and "Serveur : Erreur" in output
        assert run_client(5, server.port, framing, "7/2\nfin\n").stdout.decode().count("Serveur : 3.5") == 1


@pytest.mark.parametrize("framing", FRAMINGS)
def test_step6_client_asks_the_pseudo_again(framing: str) -> None:
    with ServerProcess(6, framing) as server:
        done = run_client(6, server.port, framing, "Gi nette\nGinette\n/me applaudit\n/bye\n")
        output = done.stdout.decode()
        assert done.returncode == 0, done.stderr
        assert "Erreur" in output and "Bienvenue Ginette !" in output
        assert "* Ginette applaudit" in output and "À bientôt Ginette !" in output


def test_step4_client_stops_when_the_operator_says_fin() -> None:
    with ServerProcess(4, "raw", operator=True) as server:
        client = subprocess.Popen(
            [sys.executable, "-m", "reference_impl.client", "--step", "4", "--host", "127.0.0.1",
             "--port", str(server.port)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO,
            env=CLIENT_ENV, start_new_session=True,
        )
        try:
            client.stdin.write("Salut !\n".encode())
            client.stdin.flush()
            server.operator_sees("Client dit: Salut !")
            server.operator_types("fin")
            output, errors = client.communicate(timeout=CLIENT_TIMEOUT)
        finally:
            if client.poll() is None:
                client.kill()
                client.wait(timeout=5)
        assert client.returncode == 0, errors
        assert "Serveur dit: fin" in output.decode()


def test_client_without_server_says_so() -> None:
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))  # bound, not listening: connections are refused
        done = run_client(3, reserved.getsockname()[1], "raw", "")
    assert done.returncode == 1
    assert "Problème de connexion" in done.stderr.decode()


def test_server_reports_a_port_in_use() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        done = subprocess.run(
            [sys.executable, "-m", "reference_impl", "--step", "3", "--host", "127.0.0.1",
             "--port", str(taken.getsockname()[1])],
            capture_output=True, cwd=REPO, timeout=CLIENT_TIMEOUT,
        )
    assert done.returncode == 1
    assert "impossible d'écouter" in done.stderr.decode()


def test_sigterm_stops_the_server_cleanly() -> None:
    with ServerProcess(7, "line") as server:
        with server.client() as client:
            assert client.exchange("là") == "là"
        server.process.send_signal(signal.SIGTERM)
        assert server.wait_exit() == 0
    assert "arrêt du serveur" in server.stderr_text()
    assert_clean_exit(server)


def test_server_listens_on_ipv6_loopback() -> None:
    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    with socket.socket(socket.AF_INET6) as probe:
        try:
            probe.bind(("::1", 0))
        except OSError:
            pytest.skip("no IPv6 loopback here")
    with ServerProcess(1, "raw", host="::1") as server:
        with server.client() as client:
            assert client.exchange("Bonjour serveur !") == "Bonjour client !"
        assert server.wait_exit() == 0
    assert_clean_exit(server)


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "canaduck-server"
    if not script.exists():
        pytest.skip("project not installed in this environment")
    done = subprocess.run([str(script), "--help"], capture_output=True, timeout=CLIENT_TIMEOUT)
    assert done.returncode == 0 and b"--framing" in done.stdout
