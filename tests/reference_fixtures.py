"""Helpers for the reference server's tests: run it as a program, talk to it over loopback.

The server is started exactly as a person would (``python -m reference_impl --port 0``) and the
port is read from its ``listening on HOST:PORT`` line. The wire client below does its own
framing on purpose: it does not reuse ``reference_impl.framing``, so a bug there cannot hide
itself.
"""
from __future__ import annotations

import contextlib
import os
import queue
import re
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional

REPO = Path(__file__).resolve().parent.parent
FRAMINGS = ("raw", "line")
START_TIMEOUT = 15.0
REPLY_TIMEOUT = 5.0
STOP_TIMEOUT = 5.0
LISTENING = re.compile(r"listening on (\S+):(\d+)$")


class ServerProcess:
    """A reference server running in its own process group, its output read by threads."""

    def __init__(self, step: int, framing: str, operator: bool = False, host: str = "127.0.0.1") -> None:
        self.step = step
        self.framing = framing
        self.host = host
        command = [sys.executable, "-m", "reference_impl", "--step", str(step), "--port", "0",
                   "--framing", framing, "--host", host]
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        env.pop("PYTHONUNBUFFERED", None)  # the server must flush by itself (CHAT-5, listening line)
        self.process = subprocess.Popen(
            command, cwd=REPO, env=env, start_new_session=True,
            stdin=subprocess.PIPE if operator else subprocess.DEVNULL,
            stdout=subprocess.PIPE if operator else subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._stderr: "queue.Queue[Optional[str]]" = queue.Queue()
        self._stdout: "queue.Queue[Optional[str]]" = queue.Queue()
        self.stderr_lines: List[str] = []
        self._readers = [self._start_reader(self.process.stderr, self._stderr, self.stderr_lines)]
        if operator:
            self._readers.append(self._start_reader(self.process.stdout, self._stdout, []))
        try:
            self.port = self._wait_for_port()
        except BaseException:
            self.stop()
            raise

    @staticmethod
    def _start_reader(stream, lines: "queue.Queue[Optional[str]]", log: List[str]) -> threading.Thread:
        def read() -> None:
            for raw in stream:
                line = raw.decode("utf-8", errors="replace")
                log.append(line)
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        return reader

    def _wait_for_port(self) -> int:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError(f"step {self.step} server did not listen within {START_TIMEOUT} s")
            try:
                line = self._stderr.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"step {self.step} server exited: {self.stderr_text()}")
            match = LISTENING.search(line)
            if match:
                return int(match.group(2))

    def client(self, timeout: float = REPLY_TIMEOUT) -> "WireClient":
        return WireClient(self.port, self.framing, timeout, self.host)

    def stderr_text(self) -> str:
        return "".join(self.stderr_lines)

    def operator_sees(self, text: str, timeout: float = REPLY_TIMEOUT) -> str:
        """Wait for a line of the server's standard output that contains ``text``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._stdout.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"the server never printed {text!r}") from None
            if line is None:
                raise AssertionError(f"the server closed its output before printing {text!r}")
            if text in line:
                return line

    def operator_types(self, line: str) -> None:
        self.process.stdin.write((line + "\n").encode("utf-8"))
        self.process.stdin.flush()

    def operator_leaves(self) -> None:
        self.process.stdin.close()

    def wait_exit(self, timeout: float = STOP_TIMEOUT) -> int:
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """SIGTERM, then SIGKILL, to the whole process group; then close the pipes."""
        if self.process.poll() is None:
            self._signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self._signal(signal.SIGKILL)
                self.process.wait(timeout=STOP_TIMEOUT)
        for reader in self._readers:
            reader.join(timeout=STOP_TIMEOUT)
        for stream in (self.process.stdin, self.process.stdout, self.process.stderr):
            if stream is not None:
                stream.close()

    def _signal(self, number: int) -> None:
        try:
            os.killpg(self.process.pid, number)
        except ProcessLookupError:
            pass

    def __enter__(self) -> "ServerProcess":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()


class WireClient:
    """A test client: frames messages itself, every read bounded by a timeout."""

    def __init__(self, port: int, framing: str, timeout: float = REPLY_TIMEOUT, host: str = "127.0.0.1") -> None:
        self.framing = framing
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self._buffer = b""

    def send(self, text: str) -> None:
        """Send one message: raw, its bytes alone; line, its bytes and ``\\n``."""
        data = text.encode("utf-8")
        self.send_bytes(data + b"\n" if self.framing == "line" else data)

    def send_bytes(self, data: bytes) -> None:
        self.sock.sendall(data)

    def receive_bytes(self) -> bytes:
        """One reply's bytes: line framing up to its ``\\n``; raw framing one read (completed
        when it ends inside a UTF-8 character)."""
        if self.framing == "line":
            while b"\n" not in self._buffer:
                self._read_more()
            line, _, self._buffer = self._buffer.partition(b"\n")
            return line + b"\n"
        if not self._buffer:
            self._read_more()
        while _ends_inside_a_character(self._buffer):
            self._read_more()
        data, self._buffer = self._buffer, b""
        return data

    def receive(self) -> str:
        """One reply's text (raw framing: one trailing newline is not part of it, FRAME-1)."""
        text = self.receive_bytes().decode("utf-8")
        if self.framing == "line":
            return text[:-1]
        return text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text

    def exchange(self, text: str) -> str:
        self.send(text)
        return self.receive()

    def receive_at_least(self, size: int) -> bytes:
        """Raw bytes until at least ``size`` have come (replies sent in pieces)."""
        while len(self._buffer) < size:
            self._read_more()
        data, self._buffer = self._buffer, b""
        return data

    def expect_closed(self) -> bytes:
        """Read until the server closes; returns what came before (should be nothing)."""
        data = self._buffer
        self._buffer = b""
        while True:
            chunk = self.sock.recv(65536)
            if not chunk:
                return data
            data += chunk

    def end_of_file(self) -> None:
        """Close our sending side, as a client that stops without ``fin``."""
        self.sock.shutdown(socket.SHUT_WR)

    def reset(self) -> None:
        """Close with SO_LINGER 0: the kernel sends a TCP RST instead of a FIN."""
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.sock.close()

    def _read_more(self) -> None:
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"the server closed the connection; pending {self._buffer!r}")
        self._buffer += chunk

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> "WireClient":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _ends_inside_a_character(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as problem:
        return problem.reason == "unexpected end of data"
    return False


def is_error(reply: str) -> bool:
    """Section 4: an error reply's text begins with ``Erreur`` in any case, maybe after spaces."""
    return reply.lstrip(" ").lower().startswith("erreur")


MULTIBYTE_1024 = "€" * 341 + "a"  # exactly 1024 bytes; a 1024-byte read cuts no character
OVERSIZE = "€" * 1000  # 3000 bytes: byte 1024 falls inside a "€"


def _send_invalid_utf8(client: WireClient) -> None:
    client.send_bytes(b"caf\xc3(\xff\xfe" + (b"\n" if client.framing == "line" else b""))
    assert is_error(client.receive())


def _send_multibyte_1024(client: WireClient) -> None:
    client.send(MULTIBYTE_1024)
    client.receive()


def _send_empty_message(client: WireClient) -> None:
    client.send_bytes(b"\n")  # raw: "\n" alone is stripped to an empty text (FRAME-4)
    client.receive_bytes()


def _end_without_fin(client: WireClient) -> None:
    client.end_of_file()
    assert client.expect_closed() == b""


def _reset_while_idle(client: WireClient) -> None:
    client.reset()


def _reset_with_unread_reply(client: WireClient) -> None:
    client.send("une réponse que personne ne lira")
    client.reset()


def _send_oversize_and_leave(client: WireClient) -> None:
    client.send(OVERSIZE)
    client.reset()


ABUSES: Dict[str, Callable[[WireClient], None]] = {
    "invalid-utf8": _send_invalid_utf8,
    "multibyte-1024": _send_multibyte_1024,
    "empty-message": _send_empty_message,
    "eof-without-fin": _end_without_fin,
    "reset-idle": _reset_while_idle,
    "reset-unread-reply": _reset_with_unread_reply,
    "oversize": _send_oversize_and_leave,
}


def assert_clean_exit(server: ServerProcess) -> None:
    """After ``stop()``: the server never printed a traceback (no crash, even in a thread)."""
    assert "Traceback" not in server.stderr_text(), server.stderr_text()



@contextlib.contextmanager
def serving(step: int, framing: str, operator: bool = False) -> Iterator[ServerProcess]:
    """A reference server for a test module: stopped at the end, and it must never have crashed."""
    running = ServerProcess(step, framing, operator=operator)
    try:
        yield running
    finally:
        running.stop()
    assert_clean_exit(running)
