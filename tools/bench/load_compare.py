"""The reference server under load, side by side with two baselines, in the same run.

Contenders, each started fresh (with the suite's launcher) for every measurement, so that its peak
memory is that measurement's:

- ``reference``: ``python -m reference_impl --step 7`` (socketserver, a thread per client);
- ``asyncio``: ``tools.bench.echo_asyncio``, a plain asyncio echo server;
- ``threads``: the handout's thread-per-client echo with the end-of-file fix
  (``tests/catalogue/step7/threads_handout_ok.py``, a proven-correct catalogue server);
- ``reference step 8`` (full run only): the shared list behind its lock, every message stored.

Rounds go level by level and, within a level, contender by contender, so that the machine's other
load falls on all of them alike; the table shows medians over rounds. On a shared machine a server
with many threads gets a bigger share of the CPU than a one-thread server: messages per second of
the server's own CPU time (``per_cpu_second``) compares their efficiency apart from that share.
"""
from __future__ import annotations

import shlex
import statistics
import sys
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence

from conformance.server_under_test.launcher import launch
from tools.bench.load import LoadSpec, raise_open_files, run_load, SPARE_FILES
from tools.bench.proc_stats import cpu_seconds, listen_overflows, peak_rss
from tools.catalogue import CATALOGUE_DIR

PYTHON = shlex.quote(sys.executable)
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class Contender:
    name: str
    command: str        # for conformance.launcher.launch ({port} replaced)
    expect: str         # what a complete reply is (tools.bench.load.EXPECTS)
    framing: str = "raw"


REFERENCE = Contender("reference", f"{PYTHON} -m reference_impl --step 7 --host 127.0.0.1 --port {{port}}", "echo")
ASYNCIO = Contender("asyncio echo", f"{PYTHON} -m tools.bench.echo_asyncio --port {{port}}", "echo")
THREADS = Contender("handout threads",
                    f"{PYTHON} {shlex.quote(str(CATALOGUE_DIR / 'step7' / 'threads_handout_ok.py'))}", "echo")
REFERENCE_STORE = Contender("reference step 8",
                            f"{PYTHON} -m reference_impl --step 8 --host 127.0.0.1 --port {{port}}", "any")
BASELINE = ASYNCIO.name


def measure(contender: Contender, clients: int, duration: float, processes: int) -> Dict[str, object]:
    """One measurement on a fresh server: what the clients saw, plus the server's peak memory, the
    CPU it used from the clients' first connect to their last ``fin``, and the listen-queue overflows
    meanwhile (whole machine)."""
    server = launch(contender.command, START_TIMEOUT)
    try:
        overflows_before = listen_overflows()
        cpu_before = cpu_seconds(server.proc.pid)
        result = run_load(LoadSpec(server.host, server.port, clients, duration, processes=processes,
                                   expect=contender.expect, framing=contender.framing))
        cpu_after = cpu_seconds(server.proc.pid)
        overflows_after = listen_overflows()
        memory = peak_rss(server.proc.pid)
        alive = server.alive()
    finally:
        server.stop()
    row = result.as_dict()
    busy = (cpu_after - cpu_before) if cpu_before is not None and cpu_after is not None else None
    row.update(server=contender.name, peak_rss=memory, server_alive=alive,
               server_cpu_seconds=busy, per_cpu_second=result.messages / busy if busy else None,
               listen_overflows=(overflows_after - overflows_before
                                 if overflows_before is not None and overflows_after is not None else None))
    return row


def _median(values: Sequence[Optional[float]]) -> Optional[float]:
    known = [value for value in values if value is not None]
    return statistics.median(known) if known else None


def _rounded(value: Optional[float]) -> Optional[int]:
    return None if value is None else int(round(value))


def combine(rounds: List[Dict[str, object]]) -> Dict[str, object]:
    """Medians over the rounds of one contender at one level; counts of trouble added up."""
    errors: Dict[str, int] = {}
    for row in rounds:
        for reason, count in row["errors"].items():
            errors[reason] = errors.get(reason, 0) + count
    first = rounds[0]
    return {
        "server": first["server"], "clients": first["clients"], "rounds": len(rounds),
        "rate": _median([row["rate"] for row in rounds]),
        "p50": _median([row["p50"] for row in rounds]), "p99": _median([row["p99"] for row in rounds]),
        "connect_seconds": _median([row["connect_seconds"] for row in rounds]),
        "peak_rss": max((row["peak_rss"] for row in rounds if row["peak_rss"] is not None), default=None),
        "ready": min(row["ready"] for row in rounds), "served": min(row["served"] for row in rounds),
        "client_cpu": max(row["client_cpu"] for row in rounds),
        "listen_overflows": _rounded(_median([row["listen_overflows"] for row in rounds])),
        "server_cpu_seconds": _median([row["server_cpu_seconds"] for row in rounds]),
        "per_cpu_second": _median([row["per_cpu_second"] for row in rounds]),
        "errors": errors, "error_count": sum(errors.values()),
        "server_alive": all(row["server_alive"] for row in rounds),
    }


def compare(levels: Sequence[int], rounds: int, duration: float, processes: int,
            contenders: Sequence[Contender]) -> List[Dict[str, object]]:
    """Every contender at every level, ``rounds`` times, side by side; one combined row each, with
    ``vs_baseline``: its rate over the asyncio echo's at the same level."""
    raise_open_files(max(levels) + SPARE_FILES)    # the servers inherit it
    samples: Dict[tuple, List[Dict[str, object]]] = {}
    for _ in range(rounds):
        for clients in levels:
            for contender in contenders:
                samples.setdefault((clients, contender.name), []).append(
                    measure(contender, clients, duration, processes))
    rows = [combine(found) for found in samples.values()]
    baseline = {row["clients"]: row["rate"] for row in rows if row["server"] == BASELINE}
    for row in rows:
        base = baseline.get(row["clients"])
        row["vs_baseline"] = row["rate"] / base if base else None
    return rows
