"""The clause × program matrix: what the conformance suite catches on the catalogue of known programs.

``python -m tools.matrix [--jobs J] [--out FILE] [--markdown] [--only TEXT] [--reply-timeout S]``
runs the suite on every program of tests/catalogue/ (``--server-cmd`` for a server, ``--client-cmd``
for a client), then prints two tables. Servers: one row per server clause, one column per server.
Clients: one row per client, one column per client clause (``CLIENT-…``). A cell says:

    X  caught, as the program declares    !  a MUST caught that the program does not declare
    o  declared, but the suite passed it  ~  a SHOULD/MAY reported   .  passed
    -  not reached (another fault kept the check from being made)    (blank) not run

with, per clause, how many programs it was caught / passed / not run on, and the MUST clauses that
no faulty program gets caught on (the suite's blind spots, or the catalogue's). The exit code is 1
when a verdict differs from a declaration, so the tool doubles as a quick check.
"""
from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Dict, List, Optional, Sequence

from conformance.core.clauses import spec_clauses
from tools.catalogue import Expectation, SuiteRun, is_client_clause, load_catalogue, run_suite

CAUGHT, UNEXPECTED, MISSED, PASSED, NOT_RUN, ADVICE, NOT_REACHED = "X", "!", "o", ".", " ", "~", "-"


def cell(run: SuiteRun, clause_id: str) -> str:
    """The one-character verdict of a clause on one server."""
    verdict = run.clause_verdicts().get(clause_id, "not run")
    declared = clause_id in run.expectation.fails
    if verdict == "caught":
        if declared:
            return CAUGHT
        clause = spec_clauses().get(clause_id)
        return ADVICE if clause is not None and clause.level != "MUST" else UNEXPECTED
    if declared:
        return MISSED
    if verdict == "not reached":
        return NOT_REACHED
    return PASSED if verdict == "passed" else NOT_RUN


def clause_order(runs: Sequence[SuiteRun], clients: bool = False) -> List[str]:
    """The spec's MUST clauses and the clauses the suite reported, in document order (unknown last):
    the client clauses when ``clients``, else the server clauses."""
    seen = {check.get("clause") for run in runs for check in run.checks}
    ordered = [cid for cid, clause in spec_clauses().items() if clause.level == "MUST" or cid in seen]
    ordered += sorted(c for c in seen if c and c not in ordered)
    return [cid for cid in ordered if is_client_clause(cid) == clients]


def totals(runs: Sequence[SuiteRun], clause_id: str) -> Dict[str, int]:
    counts = {"caught": 0, "passed": 0, "not reached": 0, "not run": 0}
    for run in runs:
        counts[run.clause_verdicts().get(clause_id, "not run")] += 1
    return counts


def blind_spots(runs: Sequence[SuiteRun]) -> List[str]:
    """MUST clauses, of the roles run (server, client), that the suite catches on no program that
    declares them."""
    clauses = spec_clauses()
    roles = {run.expectation.is_client for run in runs}
    return [clause_id for clause_id, clause in clauses.items() if clause.level == "MUST"
            and is_client_clause(clause_id) in roles
            and not any(cell(run, clause_id) == CAUGHT for run in runs)]


def mismatches(runs: Sequence[SuiteRun]) -> List[str]:
    lines = []
    for run in runs:
        failed = run.failed_must()
        if not run.expectation.starts:
            if run.results is None or run.results.get("started", True):
                lines.append(f"{run.expectation.name}: declared 'does not start', the suite says it started"
                             f" (exit code {run.returncode})")
        elif run.results is None or not run.results.get("started", False):
            lines.append(f"{run.expectation.name}: no usable results (exit code {run.returncode})")
        elif failed != run.expectation.fails:
            lines.append(f"{run.expectation.name}: declared {sorted(run.expectation.fails)},"
                         f" suite failed {sorted(failed)}")
    return lines


def legend() -> str:
    return (f"{CAUGHT} caught as declared   {UNEXPECTED} MUST caught, not declared   "
            f"{MISSED} declared, not caught   {ADVICE} SHOULD/MAY reported   {PASSED} passed"
            f"   {NOT_REACHED} not reached   (blank) not run")


def verdict_label(run: SuiteRun) -> str:
    return ",".join(sorted(run.expectation.fails)) or "correct"


def render_text(runs: Sequence[SuiteRun]) -> str:
    """Server runs: one row per clause, one column per server (numbered)."""
    width = max(len(c) for c in clause_order(runs)) + 8
    numbers = [str(i + 1) for i in range(len(runs))]
    depth = max(len(n) for n in numbers)
    header = []
    for row in range(depth):
        header.append(" " * width + " " + "".join(n.rjust(depth)[row] for n in numbers))
    lines = header
    clauses = spec_clauses()
    for clause_id in clause_order(runs):
        level = clauses[clause_id].level if clause_id in clauses else "?"
        count = totals(runs, clause_id)
        row = "".join(cell(run, clause_id) for run in runs)
        lines.append(f"{clause_id:<{width - 7}}{level:<7} {row}  caught {count['caught']:>2},"
                     f" passed {count['passed']:>2}, not reached {count['not reached']:>2},"
                     f" not run {count['not run']:>2}")
    lines.append("")
    lines.append(legend())
    lines.append("")
    lines += [f"{i + 1:>{depth}} {run.expectation.name}  [{verdict_label(run)}]" for i, run in enumerate(runs)]
    return "\n".join(lines)


def render_clients_text(runs: Sequence[SuiteRun]) -> str:
    """Client runs: one row per client, one column per client clause, and the totals per clause."""
    clauses = clause_order(runs, clients=True)
    cell_width = max([len(c) for c in clauses] + [1]) + 1
    name_width = max(len(run.expectation.name) for run in runs) + 2
    lines = [" " * name_width + "".join(c.rjust(cell_width) for c in clauses) + "   declared"]
    for run in runs:
        lines.append(run.expectation.name.ljust(name_width)
                     + "".join(cell(run, c).rjust(cell_width) for c in clauses) + f"   [{verdict_label(run)}]")
    for key in ("caught", "passed", "not reached", "not run"):
        lines.append(key.ljust(name_width) + "".join(str(totals(runs, c)[key]).rjust(cell_width) for c in clauses))
    lines += ["", legend()]
    return "\n".join(lines)


def render_clients_markdown(runs: Sequence[SuiteRun]) -> str:
    clauses = clause_order(runs, clients=True)
    lines = ["| client | " + " | ".join(clauses) + " | declared |", "|---|" + "---|" * len(clauses) + "---|"]
    for run in runs:
        cells = " | ".join(cell(run, c).strip() for c in clauses)
        lines.append(f"| `{run.expectation.name}` | {cells} | {verdict_label(run)} |")
    for key in ("caught", "passed", "not reached", "not run"):
        lines.append(f"| {key} | " + " | ".join(str(totals(runs, c)[key]) for c in clauses) + " | |")
    return "\n".join(lines)


def render_markdown(runs: Sequence[SuiteRun]) -> str:
    """Server runs: one row per clause, one column per server (numbered)."""
    numbers = [str(i + 1) for i in range(len(runs))]
    lines = ["| clause | level | " + " | ".join(numbers) + " | caught | passed | not reached | not run |",
             "|---|---|" + "---|" * len(numbers) + "---|---|---|---|"]
    clauses = spec_clauses()
    for clause_id in clause_order(runs):
        count = totals(runs, clause_id)
        level = clauses[clause_id].level if clause_id in clauses else "?"
        cells = " | ".join(cell(run, clause_id).strip() for run in runs)
        lines.append(f"| {clause_id} | {level} | {cells} | {count['caught']} | {count['passed']}"
                     f" | {count['not reached']} | {count['not run']} |")
    lines.append("")
    lines += [f"{i + 1}. `{run.expectation.name}` — {verdict_label(run)}" for i, run in enumerate(runs)]
    return "\n".join(lines)


def report(runs: Sequence[SuiteRun], markdown: bool) -> str:
    servers = [run for run in runs if not run.expectation.is_client]
    clients = [run for run in runs if run.expectation.is_client]
    parts = []
    if servers:
        parts += ["Servers (one column per server):", "",
                  render_markdown(servers) if markdown else render_text(servers), ""]
    if clients:
        parts += ["Clients (one row per client):", "",
                  render_clients_markdown(clients) if markdown else render_clients_text(clients), ""]
    spots = blind_spots(runs)
    parts.append("MUST clauses caught on no faulty program: " + (", ".join(spots) if spots else "none"))
    wrong = mismatches(runs)
    parts.append(f"Verdicts differing from the declarations: {len(wrong)}")
    parts += ["  " + line for line in wrong]
    return "\n".join(parts) + "\n"


def run_all(expectations: Sequence[Expectation], jobs: int, reply_timeout: float,
            suite_workers: int = 0) -> List[SuiteRun]:
    def one(expectation: Expectation) -> SuiteRun:
        started = time.monotonic()
        run = run_suite(expectation, jobs=suite_workers, reply_timeout=reply_timeout)   # its default mode
        print(f"  {expectation.name}: failed {sorted(run.failed_must())} in {time.monotonic() - started:.1f} s",
              file=sys.stderr, flush=True)
        return run

    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(one, expectations))


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.matrix", description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="programs checked at the same time (default 2)")
    parser.add_argument("--out", help="also write the matrix to this file")
    parser.add_argument("--markdown", action="store_true", help="a Markdown table instead of text")
    parser.add_argument("--only", help="only the catalogue programs whose name contains this text")
    parser.add_argument("--reply-timeout", type=float, default=1.0, help="passed to the suite (default 1)")
    parser.add_argument("--suite-workers", type=int, default=0,
                        help="xdist workers of each suite run (-n; default 0): the verdicts must not change")
    args = parser.parse_args(argv)
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    if args.suite_workers < 0:
        parser.error("--suite-workers must be 0 or more")
    expectations = [e for e in load_catalogue() if not args.only or args.only in e.name]
    if not expectations:
        parser.error(f"--only {args.only!r}: no catalogue program matches")
    runs = run_all(expectations, args.jobs, args.reply_timeout, args.suite_workers)
    text = report(runs, args.markdown)
    sys.stdout.write(text)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as handle:
            handle.write(text)
    return 1 if mismatches(runs) else 0


if __name__ == "__main__":
    sys.exit(main())
