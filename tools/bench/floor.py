"""The floor a suite run is compared to: the work it cannot avoid, priced in the same run.

A run of the suite must at least start pytest and collect its checks, start the servers it starts,
make its connections and wait one loopback round trip per message (client and server take turns).
The start-up is the run's own (``wire_counter`` notes when the last pytest process had collected);
the rest is counted in the run (``wire_counter``) and priced with unit costs measured here, on this
machine, during the benchmark. What the suite spends above the floor is waiting on windows and
timeouts.

With ``-n auto`` the network and server work is spread over the workers (divided by their number).
"""
from __future__ import annotations

import socket
import statistics
import sys
import threading
import time
from dataclasses import asdict, dataclass
from typing import Dict, List

from conformance.server_under_test.launcher import launch

PING = b"canaduck ping"


@dataclass(frozen=True)
class UnitCosts:
    """Seconds, medians of repeated measurements in this run."""

    round_trip: float       # one message there and back over a loopback TCP connection
    connect: float          # connect + accept + close on loopback
    server_start: float     # reference server: start, listening (as the suite's launcher sees it), stopped

    def as_dict(self) -> Dict[str, float]:
        return asdict(self)


def floor_seconds(costs: UnitCosts, counts: Dict[str, float], workers: int) -> float:
    """The floor of one suite run that made ``counts`` (see ``wire_counter.read_counts``: its own
    start-up included) with ``workers`` xdist workers (0: ``-n 0``)."""
    work = (counts["sends"] * costs.round_trip + counts["connects"] * costs.connect
            + counts["launches"] * costs.server_start)
    return counts["start_up"] + work / max(1, workers)


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


def measure_unit_costs(repeats: int) -> UnitCosts:
    """Every unit cost: ``repeats`` server starts, many more round trips and connects."""
    return UnitCosts(round_trip=loopback_round_trip(1000), connect=loopback_connect(200),
                     server_start=reference_start(repeats))
