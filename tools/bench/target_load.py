"""``python -m tools.bench load``: the load generator pointed at a student's own step-7 server.

Either a server already running on this machine (``--target 127.0.0.1:PORT``) or one the bench
starts, on a free port, with the suite's launcher (``--server-cmd "python3 server.py"``: a hard-coded
port 63000 is moved, and the bench also reports the server's peak memory).

Bounded: at most ``MAX_CLIENTS`` clients and ``MAX_DURATION`` seconds per level, ``MAX_LEVELS``
levels. Only this machine: a target outside 127.0.0.0/8 and ::1 is refused, so the tool cannot be
turned on a classmate's or anybody else's server.
"""
from __future__ import annotations

import ipaddress
import socket
from typing import Dict, List, Optional, Sequence, Tuple

from tools.bench.load import SPARE_FILES, LoadSpec, raise_open_files, run_load
from tools.bench.load_compare import Contender, measure

MAX_CLIENTS = 1000
MAX_DURATION = 30.0
MAX_LEVELS = 6


class RefusedTarget(ValueError):
    """A target or a load the tool will not run (the message says why and what to do)."""


def loopback_host(host: str) -> str:
    """``host`` as a loopback address to connect to, or RefusedTarget. Names are resolved here,
    once, so that what is checked is what is connected to."""
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except socket.gaierror as problem:
        raise RefusedTarget(f"cannot resolve {host!r}: {problem}") from None
    addresses = [info[4][0] for info in infos]
    for address in addresses:
        if ipaddress.ip_address(address.split("%")[0]).is_loopback:
            return address
    raise RefusedTarget(f"{host} ({', '.join(sorted(set(addresses)))}) is not this machine: the load mode only"
                        " targets loopback addresses (127.0.0.0/8, ::1). Start your server here and use"
                        " --target 127.0.0.1:PORT, or let the bench start it with --server-cmd.")


def check_bounds(levels: Sequence[int], duration: float) -> None:
    if not levels or len(levels) > MAX_LEVELS:
        raise RefusedTarget(f"give 1 to {MAX_LEVELS} client counts (--clients 1,20,200)")
    for clients in levels:
        if not 1 <= clients <= MAX_CLIENTS:
            raise RefusedTarget(f"--clients: each count must be from 1 to {MAX_CLIENTS}, not {clients}")
    if not 0 < duration <= MAX_DURATION:
        raise RefusedTarget(f"--duration must be more than 0 and at most {MAX_DURATION:g} seconds")


def load_target(target: Optional[Tuple[str, int]], server_cmd: Optional[str], levels: Sequence[int],
                duration: float, expect: str, framing: str, processes: int) -> List[Dict[str, object]]:
    """Run each level against the target, or against a server started from ``server_cmd`` (fresh
    per level, so that its peak memory and CPU are that level's); one row per level."""
    check_bounds(levels, duration)
    raise_open_files(max(levels) + SPARE_FILES)
    rows = []
    for clients in levels:
        if target is not None:
            result = run_load(LoadSpec(loopback_host(target[0]), target[1], clients, duration,
                                       processes=processes, expect=expect, framing=framing))
            rows.append(dict(result.as_dict(), server="target", peak_rss=None, per_cpu_second=None))
        else:
            rows.append(measure(Contender("target", str(server_cmd), expect, framing), clients, duration, processes))
    return rows


def diagnose(rows: Sequence[Dict[str, object]]) -> List[str]:
    """Plain words for a student: what the figures say about their server."""
    notes = []
    for row in rows:
        clients, served, ready = row["clients"], row["served"], row["ready"]
        if ready == 0:
            notes.append(f"{clients} client(s): none connected and got a first reply ({row['errors']}):"
                         " is the server running, on that port, and does it answer?")
        elif ready < clients:
            notes.append(f"{clients} clients: only {ready} connected and got a first reply within the"
                         f" connect timeout ({row['errors']}). A small listen() backlog, or a server that"
                         " serves one client at a time.")
        elif served < clients:
            notes.append(f"{clients} clients: only {served} got a reply during the measurement: the others"
                         " waited. Does your server serve its clients at the same time (a thread each)?")
        if row.get("server_alive") is False:
            notes.append(f"{clients} clients: the server stopped during the load.")
    return notes or ["every client was served at every level, without error"]
