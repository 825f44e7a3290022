"""The load generator: many clients taking turns with one server, in a few processes.

Each generator process drives its share of the clients with one ``selectors`` loop (no thread per
client, no asyncio overhead): a client sends a message, waits for its reply, sends the next. So the
server sees ``clients`` conversations at once, each with one message in flight, as the lab's step 7
describes. Several processes (one per core by default) keep the generator from being the bottleneck;
each reports the CPU it used during the measured window, so a saturated generator shows.

Phases, each bounded and driven by the parent through a pipe per process:
1. ``connect``: every client connects and exchanges one message (the warm-up): the time until all
   have had their first reply is the "connect" time, where a small ``listen()`` backlog shows;
2. ``go``: for ``duration`` seconds every ready client sends and awaits replies; each reply's
   latency is recorded; then outstanding replies are awaited (bounded) and every client says
   ``fin`` and closes.

A reply is complete when the bytes received since the message end with the message (``echo``: a
greeting or a trailing newline may come with it) or as soon as any byte comes (``any``).
"""
from __future__ import annotations

import array
import errno
import math
import multiprocessing
import os
import resource
import selectors
import socket
import time
from dataclasses import asdict, dataclass, field
from typing import Dict, List, Optional, Tuple

EXPECTS = ("echo", "any")
FRAMINGS = ("raw", "line")
MAX_BUFFER = 64 * 1024          # a client receiving more than this without a complete reply: flood
SPARE_FILES = 64
DEFAULT_PROCESSES = max(1, os.cpu_count() or 1)   # one generator process per core
CONTROL_TIMEOUT = 30.0          # a generator process that does not answer the parent by then is stuck


@dataclass(frozen=True)
class LoadSpec:
    """What to run: ``clients`` conversations with ``host:port`` for ``duration`` seconds."""

    host: str
    port: int
    clients: int
    duration: float
    processes: int = DEFAULT_PROCESSES
    expect: str = "echo"
    framing: str = "raw"
    connect_timeout: float = 20.0   # for all clients to connect and get their first reply
    reply_timeout: float = 5.0      # for one reply, after which the client counts as failed


@dataclass
class LoadResult:
    """What the clients saw. Latencies in seconds; ``rate`` in replies per second of the window."""

    clients: int
    ready: int = 0                  # clients connected and answered once (warm-up)
    served: int = 0                 # clients that got at least one reply in the window
    messages: int = 0               # replies received in the window
    seconds: float = 0.0            # the window
    connect_seconds: float = 0.0    # until every client was ready (or had failed)
    p50: Optional[float] = None
    p99: Optional[float] = None
    client_cpu: float = 0.0         # busiest generator process: share of one core during the window
    errors: Dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float:
        return self.messages / self.seconds if self.seconds > 0 else 0.0

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    def as_dict(self) -> Dict[str, object]:
        return dict(asdict(self), rate=self.rate, error_count=self.error_count)


def raise_open_files(needed: int) -> int:
    """Raise this process's soft RLIMIT_NOFILE to ``needed`` (children inherit it), up to the hard
    limit; returns the soft limit now in force."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < needed:
        target = needed if hard == resource.RLIM_INFINITY else min(needed, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        soft = target
    return soft


def percentile(sorted_values: List[float], fraction: float) -> Optional[float]:
    """Nearest-rank percentile of already sorted values (None when there are none)."""
    if not sorted_values:
        return None
    rank = math.ceil(fraction * len(sorted_values))
    return sorted_values[max(0, min(len(sorted_values), rank) - 1)]


def _reason(action: str, code: Optional[int], problem: Optional[OSError] = None) -> str:
    """``recv: ECONNRESET``: what failed, by its errno name (the exception's type without one)."""
    name = errno.errorcode.get(code or 0) or (type(problem).__name__ if problem is not None else str(code))
    return f"{action}: {name}"


class _Client:
    __slots__ = ("sock", "number", "sequence", "message", "sent_at", "buffer", "replies", "connected")

    def __init__(self, sock: socket.socket, number: int) -> None:
        self.sock = sock
        self.number = number
        self.sequence = 0
        self.message = b""
        self.sent_at = 0.0
        self.buffer = bytearray()
        self.replies = 0
        self.connected = False


class _Generator:
    """The clients of one generator process and their selectors loop."""

    def __init__(self, spec: LoadSpec, numbers: range) -> None:
        self.spec = spec
        self.numbers = numbers
        self.selector = selectors.DefaultSelector()
        self.waiting: Dict[int, _Client] = {}     # fileno -> client with a message in flight
        self.idle: List[_Client] = []             # clients between messages
        self.errors: Dict[str, int] = {}
        self.latencies = array.array("d")
        self.recording = False
        self.sending = False
        self.patience = spec.connect_timeout    # for a reply: the whole warm-up, then reply_timeout
        self.ending = b"fin\n" if spec.framing == "line" else b"fin"

    def _count(self, reason: str) -> None:
        self.errors[reason] = self.errors.get(reason, 0) + 1

    def _fail(self, client: _Client, reason: str) -> None:
        self._count(reason)
        self.waiting.pop(client.sock.fileno(), None)
        try:
            self.selector.unregister(client.sock)
        except (KeyError, ValueError):
            pass
        client.sock.close()

    def _send(self, client: _Client) -> None:
        client.sequence += 1
        client.message = b"bench %d %d" % (client.number, client.sequence)
        client.buffer.clear()
        data = client.message + b"\n" if self.spec.framing == "line" else client.message
        client.sent_at = time.perf_counter()
        try:
            client.sock.send(data)   # a few bytes into an empty send buffer: never partial
        except OSError as problem:
            self._fail(client, _reason("send", problem.errno, problem))
            return
        self.waiting[client.sock.fileno()] = client

    def _complete(self, client: _Client) -> bool:
        if self.spec.expect == "any":
            return bool(client.buffer)
        return bytes(client.buffer).rstrip(b"\r\n").endswith(client.message)

    def _on_readable(self, client: _Client) -> None:
        try:
            data = client.sock.recv(65536)
        except BlockingIOError:
            return
        except OSError as problem:
            self._fail(client, _reason("recv", problem.errno, problem))
            return
        if not data:
            self._fail(client, "closed by the server")
            return
        if client.sock.fileno() not in self.waiting:
            return      # unprompted bytes between messages (a greeting's tail): ignored
        client.buffer += data
        if len(client.buffer) > MAX_BUFFER:
            self._fail(client, "flooded")
            return
        if not self._complete(client):
            return
        now = time.perf_counter()
        del self.waiting[client.sock.fileno()]
        if self.recording:
            self.latencies.append(now - client.sent_at)
            client.replies += 1
        if self.sending:
            self._send(client)
        else:
            self.idle.append(client)

    def _on_connected(self, client: _Client) -> None:
        problem = client.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if problem:
            self._fail(client, _reason("connect", problem))
            return
        client.connected = True
        self.selector.modify(client.sock, selectors.EVENT_READ, client)
        self._send(client)

    def _poll(self, timeout: float) -> None:
        for key, events in self.selector.select(timeout):
            client = key.data
            if not client.connected:
                self._on_connected(client)
            elif events & selectors.EVENT_READ:
                self._on_readable(client)

    def _expire(self, now: float) -> None:
        for client in [c for c in self.waiting.values() if now - c.sent_at > self.patience]:
            self._fail(client, "no reply within %g s" % self.patience)

    def _run_until(self, deadline: float, done) -> None:
        next_expiry = time.perf_counter() + 0.1
        while not done():
            now = time.perf_counter()
            if now >= deadline:
                return
            if now >= next_expiry:
                self._expire(now)
                next_expiry = now + 0.1
            self._poll(min(0.05, deadline - now))

    def connect_all(self) -> Tuple[int, float]:
        """Connect every client and exchange one message; (clients ready, seconds)."""
        began = time.perf_counter()
        family = socket.AF_INET6 if ":" in self.spec.host else socket.AF_INET
        pending = []
        for number in self.numbers:
            sock = socket.socket(family, socket.SOCK_STREAM)
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            client = _Client(sock, number)
            code = sock.connect_ex((self.spec.host, self.spec.port))
            if code not in (0, errno.EINPROGRESS):
                self._count(_reason("connect", code))
                sock.close()
                continue
            self.selector.register(sock, selectors.EVENT_WRITE, client)
            pending.append(client)
        self.sending = False
        deadline = began + self.spec.connect_timeout
        self._run_until(deadline, lambda: all(c.connected for c in pending if c.sock.fileno() >= 0)
                        and not self.waiting)
        for client in pending:
            if client.sock.fileno() >= 0 and (not client.connected or client.sock.fileno() in self.waiting):
                self._fail(client, "not ready within %g s" % self.spec.connect_timeout)
        return len(self.idle), time.perf_counter() - began

    def measure(self) -> Tuple[float, float]:
        """The window: (seconds, CPU seconds of this process during it)."""
        cpu_began = time.process_time()
        began = time.perf_counter()
        self.patience = self.spec.reply_timeout
        self.recording = self.sending = True
        ready, self.idle = self.idle, []
        for client in ready:
            self._send(client)
        self._run_until(began + self.spec.duration, lambda: False)   # the whole window, even idle
        seconds = time.perf_counter() - began
        cpu = time.process_time() - cpu_began
        self.recording = self.sending = False
        self._run_until(time.perf_counter() + self.spec.reply_timeout, lambda: not self.waiting)
        self._expire(float("inf"))
        return seconds, cpu

    def close_all(self) -> int:
        """Say ``fin`` and close every client still open; returns how many got a reply in the window."""
        served = 0
        for key in list(self.selector.get_map().values()):
            client = key.data
            served += client.replies > 0
            try:
                client.sock.send(self.ending)
            except OSError:
                pass
            self.selector.unregister(client.sock)
            client.sock.close()
        self.selector.close()
        return served


def _generator_process(spec: LoadSpec, numbers: range, control) -> None:
    """One generator process: obeys ``connect`` and ``go`` from the parent, reports each phase."""
    raise_open_files(len(numbers) + SPARE_FILES)
    generator = _Generator(spec, numbers)
    try:
        control.send("spawned")
        if not control.poll(CONTROL_TIMEOUT) or control.recv() != "connect":
            return
        control.send(("ready",) + generator.connect_all())
        if not control.poll(CONTROL_TIMEOUT + spec.connect_timeout) or control.recv() != "go":
            return
        seconds, cpu = generator.measure()
        served = generator.close_all()
        control.send(("done", seconds, cpu, served, generator.latencies.tobytes(), generator.errors))
    finally:
        control.close()


def _receive(pipes, timeout: float, what: str) -> list:
    deadline = time.monotonic() + timeout
    answers = []
    for pipe in pipes:
        if not pipe.poll(max(0.0, deadline - time.monotonic())):
            raise RuntimeError(f"a load generator process did not report '{what}' within {timeout:g} s")
        try:
            answers.append(pipe.recv())
        except EOFError:
            raise RuntimeError(f"a load generator process ended before reporting '{what}'") from None
    return answers


def run_load(spec: LoadSpec) -> LoadResult:
    """Run the load described by ``spec`` and return what the clients saw (bounded in time:
    about connect_timeout + duration + reply_timeout, plus the processes' start-up)."""
    processes = max(1, min(spec.processes, spec.clients))
    raise_open_files(spec.clients + SPARE_FILES)
    shares = [range(first, spec.clients, processes) for first in range(processes)]
    context = multiprocessing.get_context("spawn")   # no fork of a parent that has threads
    pipes, workers = [], []
    try:
        for share in shares:
            parent_end, child_end = context.Pipe()
            worker = context.Process(target=_generator_process, args=(spec, share, child_end), daemon=True)
            worker.start()
            child_end.close()
            pipes.append(parent_end)
            workers.append(worker)
        _receive(pipes, CONTROL_TIMEOUT, "spawned")
        for pipe in pipes:
            pipe.send("connect")
        began = time.perf_counter()
        readies = _receive(pipes, CONTROL_TIMEOUT + spec.connect_timeout, "ready")
        connect_seconds = time.perf_counter() - began
        for pipe in pipes:
            pipe.send("go")
        reports = _receive(pipes, CONTROL_TIMEOUT + spec.duration + 2 * spec.reply_timeout, "done")
    finally:
        for worker in workers:
            worker.join(5)
            if worker.is_alive():
                worker.kill()
                worker.join(5)
        for pipe in pipes:
            pipe.close()
    latencies: List[float] = []
    result = LoadResult(clients=spec.clients, connect_seconds=connect_seconds)
    for (_, ready, _), (_, seconds, cpu, served, samples, errors) in zip(readies, reports):
        result.ready += ready
        result.served += served
        result.seconds = max(result.seconds, seconds)
        result.client_cpu = max(result.client_cpu, cpu / seconds if seconds > 0 else 0.0)
        window = array.array("d")
        window.frombytes(samples)
        latencies.extend(window)
        for reason, count in errors.items():
            result.errors[reason] = result.errors.get(reason, 0) + count
    latencies.sort()
    result.messages = len(latencies)
    result.p50 = percentile(latencies, 0.50)
    result.p99 = percentile(latencies, 0.99)
    return result
