"""The floor a suite run is compared to: the work it cannot avoid, priced in the same run.

A run of the suite must at least start pytest, start the servers it starts, make its connections and
wait one loopback round trip per message (client and server take turns). Each of these is measured
here, on this machine, at the moment of the benchmark; the counts come from the run itself
(``wire_counter``). What the suite spends above the floor is waiting on windows and timeouts.

With ``-n auto`` the network and server work is spread over the workers (divided by their number),
but every worker pays pytest's start-up: the floor then uses the start-up of an ``-n auto`` session.
"""
from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from typing import Dict, List

from conformance.launcher import launch
from tools.catalogue import REPO_ROOT

PING = b"canaduck ping"


@dataclass(frozen=True)
class UnitCosts:
    """Seconds, medians of repeated measurements in this run."""

    round_trip: float       # one message there and back over a loopback TCP connection
    connect: float          # connect + accept + close on loopback
    server_start: float     # reference server: start, listening (as the suite's launcher sees it), stopped
    pytest_bare: float      # ``pytest --version``: interpreter and pytest, for runs that end before collecting
    pytest_start: float     # ``pytest conformance`` selecting no check: interpreter, plugins, collection
    pytest_start_xdist: float  # the same with ``-n auto`` (workers started, each collecting)

    def as_dict(self) -> Dict[str, float]:
        return asdict(self)


def floor_seconds(costs: UnitCosts, counts: Dict[str, int], workers: int, collected: bool = True) -> float:
    """The floor of one suite run that made ``counts`` (see ``wire_counter``) with ``workers`` xdist
    workers (0: ``-n 0``); ``collected`` is False for a run that ended before collecting its checks
    (nothing listening)."""
    work = (counts["sends"] * costs.round_trip + counts["connects"] * costs.connect
            + counts["launches"] * costs.server_start)
    if not collected:
        return costs.pytest_bare + work
    if workers:
        return costs.pytest_start_xdist + work / workers
    return costs.pytest_start + work


def _echo_once(listener: socket.socket) -> None:
    conn, _ = listener.accept()
    with conn:
        while True:
            data = conn.recv(4096)
            if not data:
                return
            conn.sendall(data)


def loopback_round_trip(count: int) -> float:
    """Median time of ``count`` ping-pongs with an echo thread over 127.0.0.1 (both ends blocking,
    so neither holds the GIL while the other works)."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        echo = threading.Thread(target=_echo_once, args=(listener,), daemon=True)
        echo.start()
        samples: List[float] = []
        with socket.create_connection(listener.getsockname()[:2], timeout=10) as sock:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            for _ in range(count):
                began = time.perf_counter()
                sock.sendall(PING)
                received = 0
                while received < len(PING):
                    received += len(sock.recv(4096))
                samples.append(time.perf_counter() - began)
        echo.join(10)
    return statistics.median(samples)


def loopback_connect(count: int) -> float:
    """Median time of connect + accept + close (both sides) on 127.0.0.1."""
    with socket.create_server(("127.0.0.1", 0), backlog=16) as listener:
        address = listener.getsockname()[:2]
        samples: List[float] = []
        for _ in range(count):
            began = time.perf_counter()
            client = socket.create_connection(address, timeout=10)
            accepted, _ = listener.accept()
            accepted.close()
            client.close()
            samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def reference_start(count: int) -> float:
    """Median time to start the step-7 reference server with the suite's launcher until it listens,
    and stop it: what the suite pays per server it starts."""
    command = f"{sys.executable} -m reference_impl --step 7 --host 127.0.0.1 --port {{port}}"
    samples: List[float] = []
    for _ in range(count):
        began = time.perf_counter()
        server = launch(command, start_timeout=30.0)
        server.stop()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def _median_run(argv: List[str], count: int) -> float:
    """Median wall time of a program of ours run ``count`` times."""
    samples: List[float] = []
    for _ in range(count):
        began = time.perf_counter()
        subprocess.run(argv, cwd=str(REPO_ROOT), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=120, check=False)
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def pytest_start(count: int, parallel: bool) -> float:
    """Median wall time of a suite run that collects every check and runs none (``-k`` matching
    nothing): start-up and collection. (``--collect-only`` would not start xdist's workers.)"""
    return _median_run([sys.executable, "-m", "pytest", "conformance", "--step", "1", "-q",
                        "-p", "no:cacheprovider", "-k", "bench_selects_no_check"]
                       + (["-n", "auto"] if parallel else []), count)


def measure_unit_costs(repeats: int) -> UnitCosts:
    """Every unit cost, ``repeats`` times each for the process starts (many more for the network)."""
    return UnitCosts(round_trip=loopback_round_trip(2000), connect=loopback_connect(300),
                     server_start=reference_start(repeats),
                     pytest_bare=_median_run([sys.executable, "-m", "pytest", "--version"], repeats),
                     pytest_start=pytest_start(repeats, False),
                     pytest_start_xdist=pytest_start(repeats, True))
