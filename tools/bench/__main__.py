"""``python -m tools.bench``: where the kit's time goes, measured in one run (see __init__).

    python -m tools.bench [--quick] [--json FILE] [--steps 1,7] [--levels 1,20,200,1000] ...
    python -m tools.bench load (--target 127.0.0.1:PORT | --server-cmd CMD) [--clients 1,20,200]
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from typing import Dict, List, Optional

import pytest

from conformance.core.settings import parse_target
from tools.bench import fail_fast, grading, load_compare, report, target_load
from tools.bench.floor import measure_unit_costs
from tools.bench.load import DEFAULT_PROCESSES, EXPECTS, FRAMINGS
from tools.bench.suite_timing import time_steps

FULL = {"steps": "1,2,3,4,5,6,7,8", "levels": "1,20,200,1000", "rounds": 2, "duration": 3.0,
        "class_size": 12, "slow": ",".join(fail_fast.SLOWEST), "repeats": 3}
QUICK = {"steps": "1", "levels": "1,20,200", "rounds": 1, "duration": 0.5, "class_size": 2, "slow": "",
         "repeats": 1}


def _numbers(text: str, option: str) -> List[int]:
    try:
        values = [int(part) for part in text.replace(" ", "").split(",") if part]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{option}: expected numbers separated by commas, got {text!r}") from None
    return values


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="under a minute: step 1, 1/20/200 clients, one short round, a class of 2")
    parser.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    parser.add_argument("--steps", help=f"suite steps to time (full: {FULL['steps']}; quick: {QUICK['steps']};"
                                         " 'none' to skip)")
    parser.add_argument("--levels", help=f"concurrent clients (full: {FULL['levels']}; 'none' to skip)")
    parser.add_argument("--rounds", type=int, help="load rounds, medians shown (full: 2)")
    parser.add_argument("--duration", type=float, help="seconds of load per measurement (full: 3)")
    parser.add_argument("--class-size", type=int, help="generated submissions to grade (full: 12; 0 to skip)")
    parser.add_argument("--slow", help="catalogue servers for the fail-fast table, e.g. step2/ignores_fin_sess2"
                                       " (full: the slowest known; 'none' for none)")
    parser.add_argument("--no-fail-fast", action="store_true", help="skip the fail-fast table")
    parser.add_argument("--processes", type=int, default=DEFAULT_PROCESSES,
                        help="load generator processes (default: one per core)")
    sub = parser.add_subparsers(dest="command")
    load = sub.add_parser("load", help="load your own step-7 server (on this machine only)",
                          description=target_load.__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    where = load.add_mutually_exclusive_group(required=True)
    where.add_argument("--target", metavar="HOST:PORT", help="a server already running here: 127.0.0.1:63000")
    where.add_argument("--server-cmd", metavar="CMD", help='start it for me: "python3 server.py"')
    load.add_argument("--clients", default="1,20,200",
                      help=f"concurrent clients per level, at most {target_load.MAX_CLIENTS} (1,20,200)")
    load.add_argument("--duration", type=float, default=3.0, help="seconds per level (3)")
    load.add_argument("--expect", choices=EXPECTS, default="echo",
                      help="a reply is the echo of the message (echo), or any bytes (any)")
    load.add_argument("--framing", choices=FRAMINGS, default="raw", help="raw: no newline sent; line: one")
    load.add_argument("--processes", type=int, default=DEFAULT_PROCESSES,
                      help="load generator processes (default: one per core)")
    load.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    return parser


def _setting(arguments: argparse.Namespace, name: str):
    value = getattr(arguments, name, None)
    return value if value is not None else (QUICK if arguments.quick else FULL)[name]


def _write_json(path: Optional[str], document: Dict[str, object]) -> None:
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(document, handle, indent=2, ensure_ascii=False)
            handle.write("\n")


def run_benchmark(arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> Dict[str, object]:
    steps_text, levels_text, slow_text = (str(_setting(arguments, name)) for name in ("steps", "levels", "slow"))
    steps = [] if steps_text == "none" else _numbers(steps_text, "--steps")
    levels = [] if levels_text == "none" else _numbers(levels_text, "--levels")
    slow = [name for name in slow_text.split(",") if name and name != "none"]
    unknown = sorted(set(slow) - set(fail_fast.known_slow_servers()))
    if unknown:
        parser.error(f"--slow: not faulty catalogue servers: {', '.join(unknown)}")
    if any(not 1 <= step <= 8 for step in steps):
        parser.error("--steps: steps are 1 to 8")
    if any(not 1 <= clients <= target_load.MAX_CLIENTS for clients in levels):
        parser.error(f"--levels: from 1 to {target_load.MAX_CLIENTS} clients")
    started, began, load_before = datetime.datetime.now(datetime.timezone.utc), time.perf_counter(), os.getloadavg()
    sections: Dict[str, float] = {}
    lap = [time.perf_counter()]

    def done(section: str) -> None:
        now = time.perf_counter()
        sections[section] = now - lap[0]
        lap[0] = now

    costs = measure_unit_costs(int(_setting(arguments, "repeats")))
    document: Dict[str, object] = {"schema": report.SCHEMA, "unit_costs": costs.as_dict()}
    done("unit_costs")
    document["suite"] = [timing.as_dict() for timing in time_steps(steps, costs)]
    done("suite")
    document["fail_fast"] = [] if arguments.no_fail_fast else [
        timing.as_dict() for timing in fail_fast.time_fail_fast(costs, slow)]
    done("fail_fast")
    size = int(_setting(arguments, "class_size"))
    jobs = sorted({1, min(size, grading.auto_jobs())})   # one submission: --jobs auto is --jobs 1
    document["grading"] = [dict(row, jobs_label="1" if row["jobs"] == 1 else f"auto ({row['jobs']})")
                           for row in grading.grade_class(size, jobs)] if size > 0 else []
    done("grading")
    contenders = [load_compare.REFERENCE, load_compare.ASYNCIO, load_compare.THREADS]
    if not arguments.quick:
        contenders.append(load_compare.REFERENCE_STORE)
    document["load"] = load_compare.compare(levels, int(_setting(arguments, "rounds")),
                                            float(_setting(arguments, "duration")), arguments.processes,
                                            contenders) if levels else []
    done("load")
    document["verdicts"] = report.load_verdicts(document["load"], load_compare.REFERENCE.name, max(levels or [0]))
    document["meta"] = {"started": started.isoformat(timespec="seconds"), "quick": arguments.quick,
                        "cpus": os.cpu_count(), "python": platform.python_version(),
                        "load_before": " ".join(f"{x:.1f}" for x in load_before),
                        "load_after": " ".join(f"{x:.1f}" for x in os.getloadavg()),
                        "seconds": time.perf_counter() - began, "section_seconds": sections,
                        "settings": {"steps": steps, "levels": levels, "slow": slow, "class_size": size,
                                     "rounds": _setting(arguments, "rounds"),
                                     "duration": _setting(arguments, "duration"),
                                     "processes": arguments.processes}}
    return document


def run_load_mode(arguments: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    try:
        target = parse_target(arguments.target) if arguments.target else None
        levels = _numbers(arguments.clients, "--clients")
        rows = target_load.load_target(target, arguments.server_cmd, levels, arguments.duration,
                                       arguments.expect, arguments.framing, arguments.processes)
    except (target_load.RefusedTarget, argparse.ArgumentTypeError, pytest.UsageError) as problem:
        parser.error(str(problem))
    print(report.load_table(rows, baseline=False))
    for note in target_load.diagnose(rows):
        print("- " + note)
    _write_json(arguments.json, {"schema": report.SCHEMA, "load": rows})
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    arguments = parser.parse_args(argv)
    if arguments.command == "load":
        return run_load_mode(arguments, parser)
    try:
        document = run_benchmark(arguments, parser)
    except argparse.ArgumentTypeError as problem:
        parser.error(str(problem))
    print(report.render(document), end="")
    _write_json(arguments.json, document)
    return 0


if __name__ == "__main__":
    sys.exit(main())
