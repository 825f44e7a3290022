"""The suite checking clients (``--client-cmd``): the reference clients pass every client clause at
every step, in both framings; small inline clients prove the mechanics (a hard-coded LAN address
reaches the played server, prompts and a receiving thread are fine, a client that does not compile
"did not start"), and that one fault fails one clause. The catalogue of faulty clients
(tests/catalogue/stepN/client_*.py) proves every clause; the pieces without I/O are tested here."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import textwrap

import pytest

from conformance.cli import split_client
from conformance.client_under_test.played_server import Inbox, Message
from conformance.client_under_test.process import has_traceback, printed_on_one_line
from conformance.client_under_test.script import (ACCENTED_REPLY, MAX_MESSAGE_BYTES, SECOND_REPLY, SMALL_RECV, long_reply,
                                                  script, split_inside_a_character)
from conformance.core.clauses import step_clause_ids
from conformance.core.settings import build_settings
from conformance.core.verdict import DID_NOT_START
from conformance.plugin import DID_NOT_START_EXIT
from conformance.core.processes import BINDSHIM_DIR

REFERENCE = f"{sys.executable} -m reference_impl.client --step {{step}} --framing {{framing}}"


def _client(tmp_path, name: str, code: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(code), encoding="utf-8")
    return f"{sys.executable} {path}"


def _passes_every_client_clause(run, step: int) -> None:
    assert run.returncode == 0, run.output[-4000:]
    assert run.results["role"] == "client" and run.results["started"] is True
    assert set(run.verdicts().values()) == {"passed"}, run.output[-4000:]
    assert sorted(run.verdicts()) == sorted(step_clause_ids(step, role="client"))


@pytest.mark.parametrize("framing", ["raw", "line"])
@pytest.mark.parametrize("step", range(1, 9))
def test_the_reference_client_passes_every_client_clause(run_suite, step, framing):
    run = run_suite("--client-cmd", REFERENCE.format(step=step, framing=framing), "--framing", framing,
                    "--step", str(step))
    _passes_every_client_clause(run, step)


def test_the_reference_client_passes_in_parallel(run_suite):
    run = run_suite("--client-cmd", REFERENCE.format(step=4, framing="raw"), "--step", "4", "-n", "2")
    _passes_every_client_clause(run, 4)


# A student's client: the handout's hard-coded LAN address, an input() prompt, replies received in a
# thread that ends the program when the server has gone.
THREADED = """
    import os, socket, sys, threading
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        client.connect(("192.168.1.12", 63000))
    except OSError as e:
        print("Serveur injoignable :", e)
        sys.exit(1)
    def recevoir():
        while True:
            try:
                data = client.recv(1024)
            except OSError:
                data = b""
            if not data:
                print("Le serveur a fermé la connexion.")
                os._exit(0)
            print("\\rServeur :", data.decode())
    threading.Thread(target=recevoir, daemon=True).start()
    while True:
        msg = input("Vous : ")
        client.send(msg.encode())
        if msg == "fin":
            break
    client.close()
"""


def test_a_threaded_client_with_prompts_and_a_lan_address_passes(run_suite, tmp_path):
    run = run_suite("--client-cmd", _client(tmp_path, "client.py", THREADED), "--step", "2")
    _passes_every_client_clause(run, 2)


# The handout's step-2 loop, with the session's end handled but one fault each.
LOOP = """
    import socket, sys
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    {connect}
    while True:
        msg = input("> ")
        {send}
        if msg == "fin":
            {after_fin}
        {receive}
    client.close()
"""
CONNECT = """try:
        client.connect(("localhost", 63000))
    except OSError:
        print("Pas de serveur.")
        sys.exit(1)"""
RECEIVE = """reponse = client.recv(1024)
        if not reponse:
            break
        print(reponse.decode())"""


SEND = "client.send(msg.encode())"
SEND_LINE = 'client.send((msg + "\\n").encode())'


@pytest.mark.parametrize("name, framing, fault, failed", [
    ("never_reads", "raw", dict(receive="pass"), ["CLIENT-2"]),
    ("no_try_on_connect", "raw", dict(connect='client.connect(("localhost", 63000))'), ["CLIENT-6"]),
    ("hangs_after_fin", "raw", dict(after_fin="continue"), ["CLIENT-4"]),
    ("newline_in_raw", "raw", dict(send=SEND_LINE), ["CLIENT-1"]),
    ("one_recv_per_line", "line", dict(send=SEND_LINE), ["CLIENT-3"]),
])
def test_one_fault_one_failed_client_clause(run_suite, tmp_path, name, framing, fault, failed):
    parts = dict(connect=CONNECT, after_fin="break", receive=RECEIVE, send=SEND)
    parts.update(fault)
    run = run_suite("--client-cmd", _client(tmp_path, f"{name}.py", LOOP.format(**parts)), "--step", "2",
                    "--framing", framing, "--reply-timeout", "1")
    assert run.failed() == failed, run.output[-4000:]
    assert run.returncode == 1


HELLO = """
    import socket, sys
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        client.connect(("localhost", 63000))
    except ConnectionRefusedError:
        sys.exit("Le serveur n'est pas lancé.")
    client.send("Bonjour serveur !".encode())
    print("Serveur :", client.recv(1024).decode())
    client.close()
"""


def test_canaduck_check_client_and_spec(tmp_path):
    """``canaduck check --client client.py`` from the student's folder; ``canaduck spec --step``
    lists the client's clauses after the server's."""
    (tmp_path / "client.py").write_text(textwrap.dedent(HELLO), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    run = subprocess.run([sys.executable, "-m", "conformance.cli", "check", "--client", "client.py", "--step", "1",
                          "-p", "no:cacheprovider"], cwd=str(tmp_path), env=env, capture_output=True, text=True,
                         timeout=240)
    assert run.returncode == 0 and "clauses passed (4): CLIENT-2 CLIENT-5 CLIENT-6 CLIENT-7" in run.stdout, \
        run.stdout[-3000:] + run.stderr[-2000:]
    spec = subprocess.run([sys.executable, "-m", "conformance.cli", "spec", "--step", "4"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert spec.stdout.index("CHAT-4") < spec.stdout.index("the clauses that apply to the client") \
        < spec.stdout.index("CLIENT-8")


def test_a_client_that_does_not_compile_did_not_start(run_suite, tmp_path):
    run = run_suite("--client-cmd", _client(tmp_path, "client.py", "import socket\nclient = socket.socket(\n"),
                    "--step", "2")
    assert run.returncode == DID_NOT_START_EXIT, run.output[-3000:]
    assert run.results["started"] is False and run.results["role"] == "client"
    assert {check["outcome"] for check in run.results["checks"]} == {DID_NOT_START}
    assert run.output.count("SyntaxError") == 1 and "THE CLIENT DID NOT START" in run.output


def test_the_shim_sends_any_tcp_connect_to_the_played_server():
    """IPv4 to a LAN address, IPv6 to ``::1``, ``connect_ex``: all reach the listening port."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    port = listener.getsockname()[1]
    code = textwrap.dedent("""
        import socket
        a = socket.socket(); a.connect(("192.168.1.12", 63000))
        b = socket.socket(socket.AF_INET6); b.connect(("::1", 63000))
        c = socket.socket(); print(c.connect_ex(("10.0.0.5", 1)))
    """)
    env = dict(os.environ, PYTHONPATH=str(BINDSHIM_DIR), CANADUCK_CONNECT_PORT=str(port))
    try:
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
        assert run.returncode == 0 and run.stdout.strip() == "0", run.stderr
        listener.settimeout(5)
        for _ in range(3):
            listener.accept()[0].close()
    finally:
        listener.close()


# -- the pieces without I/O --------------------------------------------------------------------
def test_raw_messages_are_cut_by_what_the_suite_expects():
    inbox = Inbox("raw")
    inbox.feed(b"Bonj")
    assert not inbox.ready(b"Bonjour") and inbox.ready()
    inbox.feed(b"our\n")
    assert inbox.ready(b"Bonjour") and inbox.take() == b"Bonjour\n" and not inbox.buffer
    inbox.feed(b"Au")
    assert inbox.ready(b"Bonjour")          # can no longer become the expected text: take it as it is


def test_line_messages_end_at_their_newline():
    inbox = Inbox("line")
    inbox.feed("Ça va\nfi".encode())
    assert inbox.ready() and inbox.take() == "Ça va\n".encode() and not inbox.ready()
    assert Message(b"fin\r\n", "complete").text == "fin"


def test_the_long_reply_is_the_largest_message_and_the_cut_splits_a_character():
    assert len(long_reply().encode("utf-8")) == MAX_MESSAGE_BYTES
    first, rest = split_inside_a_character("Ça marche, même avec des accents 🦆")
    with pytest.raises(UnicodeDecodeError):
        first.decode("utf-8")
    assert (first + rest).decode("utf-8") == "Ça marche, même avec des accents 🦆"


def test_clause_2_replies_fit_a_small_recv_buffer():
    """A recv(64) client is CLIENT-3's fault (the long reply), never CLIENT-2's: the replies CLIENT-2
    checks fit in 64 bytes, line terminator included."""
    for reply in (ACCENTED_REPLY, SECOND_REPLY):
        assert len(reply.encode("utf-8")) + 1 <= SMALL_RECV


def test_output_is_read_whatever_the_prompt():
    assert printed_on_one_line("Vous : Serveur : Ça marche 🦆\nVous : ", "Ça marche 🦆")
    assert not printed_on_one_line("Ça mar\nche 🦆\n", "Ça marche 🦆")
    assert has_traceback("Traceback (most recent call last):\n  File ...") and not has_traceback("Erreur")


def test_step_scripts():
    assert script(6).first_line == "Ginette" and script(6).end_word == "/bye"
    assert script(4).end_word == "fin" and script(2).first_line == "Bonjour"


def test_client_options():
    assert split_client(["--client", "client.py", "--step", "2"]) == ("client.py", ["--step", "2"])
    assert split_client(["--client=etape_2/client.py"]) == ("etape_2/client.py", [])
    with pytest.raises(pytest.UsageError, match="--client-cmd"):
        build_settings(target="127.0.0.1:1", server_cmd=None, steps=["2"], framing=None, reply_timeout="2",
                       start_timeout="10", quiet_gap="0.05", gentle=False, results_json=None,
                       client_cmd="python3 client.py")
    with pytest.raises(pytest.UsageError, match="raw"):
        build_settings(target=None, server_cmd=None, steps=["2"], framing="auto", reply_timeout="2",
                       start_timeout="10", quiet_gap="0.05", gentle=False, results_json=None,
                       client_cmd="python3 client.py")
    settings = build_settings(target=None, server_cmd=None, steps=["2"], framing=None, reply_timeout="2",
                              start_timeout="10", quiet_gap="0.05", gentle=False, results_json=None,
                              client_cmd="python3 client.py")
    assert settings.role == "client" and settings.framing == "raw"
