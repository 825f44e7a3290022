"""A pytest plugin that counts the suite's network work, for the floor the bench compares it to.

Loaded into the suite's processes (controller and xdist workers) with ``-p tools.bench.wire_counter``
when ``CANADUCK_BENCH_COUNTS`` names a file. It counts, at the socket level, so that it keeps counting
whatever the suite's client code becomes:

- ``sends``: ``send``/``sendall`` calls with data. The suite takes turns with the server, so each
  message it sends costs at least one loopback round trip before the next can go (a message that
  gets no reply, such as ``fin``, still costs at least its one-way trip: counted as a round trip);
- ``connects``: ``connect``/``connect_ex`` calls (a handshake each);
- ``launches``: server processes started by the suite's launcher (``subprocess.Popen`` with the
  launcher's ready-file variable in its environment);
- ``configured`` and ``collected``: when (``time.time()``) the process had started pytest and its
  plugins, and when it had collected the checks: the run's own start-up, priced under the same load
  as the rest of the run.

Each process appends one JSON line to the file at the end of its session (an xdist worker may be
torn down as soon as it reports that its session finished), or at unconfigure if the session never
started (nothing listening); the bench adds the lines up. The suite
itself never imports this module: nothing changes when it is not loaded.
"""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from typing import Dict, Optional

COUNTS_ENV = "CANADUCK_BENCH_COUNTS"
READY_ENV = "CANADUCK_READY_FILE"   # set by conformance.server_under_test.launcher for every server it starts

_counts: Dict[str, int] = {"sends": 0, "connects": 0, "launches": 0}
_times: Dict[str, Optional[float]] = {"configured": None, "collected": None}
_patched = False
_written = False


def _counting(method, key: str, with_data: bool):
    def wrapper(self, *args, **kwargs):
        if not with_data or (args and len(args[0])):
            _counts[key] += 1
        return method(self, *args, **kwargs)
    wrapper.__name__ = method.__name__
    wrapper.__doc__ = method.__doc__
    return wrapper


class _CountingPopen(subprocess.Popen):
    def __init__(self, *args, **kwargs) -> None:
        if READY_ENV in (kwargs.get("env") or {}):
            _counts["launches"] += 1
        super().__init__(*args, **kwargs)


def _patch() -> None:
    global _patched
    if _patched:
        return
    _patched = True
    for name, key, with_data in (("send", "sends", True), ("sendall", "sends", True),
                                 ("connect", "connects", False), ("connect_ex", "connects", False)):
        setattr(socket.socket, name, _counting(getattr(socket.socket, name), key, with_data))
    subprocess.Popen = _CountingPopen  # type: ignore[misc]


def pytest_configure(config) -> None:
    if os.environ.get(COUNTS_ENV):
        _times["configured"] = time.time()
        _patch()


def pytest_collection_finish(session) -> None:
    _times["collected"] = time.time()


def _write() -> None:
    global _written
    path = os.environ.get(COUNTS_ENV)
    if not path or not _patched or _written:
        return
    _written = True
    line = json.dumps(dict(_counts, **_times, pid=os.getpid())) + "\n"
    with open(path, "a", encoding="utf-8") as handle:   # one short append per process
        handle.write(line)


def pytest_sessionfinish(session) -> None:
    _write()


def pytest_unconfigure(config) -> None:
    _write()


def read_counts(path: str, spawned: float) -> Dict[str, float]:
    """The counts of every process of one suite run (started at ``spawned``, ``time.time()``),
    added up (zeros if none was written); ``processes``: how many pytest processes wrote (the
    controller plus its xdist workers); ``start_up``: seconds from ``spawned`` until the last of
    them had collected its checks (or, where none collected, had configured pytest)."""
    total: Dict[str, float] = {"sends": 0, "connects": 0, "launches": 0, "processes": 0, "start_up": 0.0}
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    entry = json.loads(line)
                    total["processes"] += 1
                    for key in ("sends", "connects", "launches"):
                        total[key] += int(entry.get(key, 0))
                    ready = entry.get("collected") or entry.get("configured")
                    if ready:
                        total["start_up"] = max(total["start_up"], ready - spawned)
    except FileNotFoundError:
        pass
    return total
