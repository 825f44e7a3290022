"""`python -m tools.grade` / `canaduck-grade`: grade a class of servers (and their clients) with
the conformance suite.

    python -m tools.grade SUBMISSIONS_DIR --step N [--out DIR] [--jobs J] [--points FILE]
                          [--force] [--only STUDENT]
    python -m tools.grade SUBMISSIONS_DIR --steps 1-8 [--layout 'etape_{step}/server.py']
    python -m tools.grade SUBMISSIONS_DIR --steps 1-8 --shard K/N --out shard-K   # on N machines
    python -m tools.grade --merge DIR [DIR...] [--out DIR] [--step N]
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import List, Optional, Tuple

from conformance.core.messages import LANGUAGES, default_language

from .isolation import SandboxUnavailable, recognised_platform
from .lab import grade_lab, parse_steps
from .layout import DEFAULT_FILE, LayoutError, parse_layout
from .merge import merge
from .points import PointsError, load_points
from .reaper import as_reaping_parent
from .spec_clauses import load_clauses
from .statedir import StateDirError
from .suite_run import CLIENT_MODES, CLIENTS_AUTO, GRADING_SEED, Limits, RunConfig


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="canaduck-grade", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("submissions", nargs="?", type=Path,
                   help="folder with one sub-folder per student (server.py inside)")
    p.add_argument("--step", type=int, choices=range(1, 9), metavar="N",
                   help="the handout's step the servers implement (1-8)")
    p.add_argument("--steps", metavar="LIST",
                   help="grade several steps in one run: 1-8, 2,5,6 or 1-3,7 (one row per "
                        "student, a column group per step)")
    p.add_argument("--layout", metavar="PATTERN|FILE.toml",
                   help="where each step's server is in a student's folder: etape_{step}/server.py,"
                        " code/server{step}.py (step 1 may be code/server.py), or a TOML map "
                        "([server] 1 = \"code/server.py\" ...); default: detected per student")
    p.add_argument("--server-file", default=DEFAULT_FILE, metavar="NAME",
                   help="the server's file name where the layout says server.py (server.py)")
    p.add_argument("--clients", choices=CLIENT_MODES, default=CLIENTS_AUTO,
                   help="grade each step's client.py too: auto (where a student has one; a "
                        "missing client counts for nothing), required (a missing client scores "
                        "0 out of its clauses), off (servers only). Default: auto")
    p.add_argument("--out", type=Path, default=Path("grades"), help="output folder (./grades)")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                   help="submissions graded at once (default: number of cores)")
    p.add_argument("--points", type=Path, help="TOML file of points per clause or group")
    p.add_argument("--force", action="store_true", help="re-grade unchanged submissions too")
    p.add_argument("--only", metavar="STUDENT", help="grade only this student's folder")
    p.add_argument("--shard", metavar="K/N", type=parse_shard, default=(1, 1),
                   help="grade the Kth of every N students (by folder name): a lab split across "
                        "N machines, each with its own --out, then --merge (tools/grade/README.md)")
    p.add_argument("--merge", nargs="+", type=Path, metavar="DIR",
                   help="merge results of these output folders (one step's, or a lab's: step*/) "
                        "into --out; runs nothing")
    p.add_argument("--timeout", type=float, default=300.0,
                   help="wall-clock seconds for one submission's whole run (300)")
    p.add_argument("--reply-timeout", type=float, default=2.0,
                   help="seconds the suite waits for each reply (2)")
    p.add_argument("--start-timeout", type=float, default=10.0,
                   help="seconds a server has to start listening (10)")
    p.add_argument("--seed", type=int, default=GRADING_SEED,
                   help="seed of the probes the suite generates from the spec's grammar: the same "
                        f"for every student of a class, so all meet the same probes ({GRADING_SEED})")
    p.add_argument("--cpu", type=int, default=Limits.cpu, help="CPU seconds per server process")
    p.add_argument("--mem", default=Limits.mem, help="address space per server process (1G)")
    p.add_argument("--nproc", type=int, default=Limits.nproc,
                   help="processes+threads of one server (512)")
    p.add_argument("--disk", default=Limits.disk,
                   help="disk of one submission as a whole, copy and /tmp (100M; as root)")
    p.add_argument("--no-bwrap", action="store_true",
                   help="do not use bubblewrap even if installed")
    p.add_argument("--allow-unsandboxed", action="store_true",
                   help="grade even where no sandbox is possible (not root, no bubblewrap); "
                        "every output then says so")
    p.add_argument("--python", default="", help="interpreter for the students' servers")
    p.add_argument("--lang", choices=LANGUAGES, default=default_language(),
                   help="language of feedback/*.md, report.html and the suite's messages"
                        " (default: the locale's, else en)")
    return p


def parse_shard(text: str) -> Tuple[int, int]:
    """`K/N`, 1 <= K <= N."""
    k, slash, n = text.partition("/")
    if not (slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n)):
        raise argparse.ArgumentTypeError(f"{text!r}: expected K/N with 1 <= K <= N, like 2/4")
    return int(k), int(n)


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    clauses = load_clauses()
    try:
        points = load_points(args.points, clauses)
    except PointsError as exc:
        parser.error(str(exc))
    try:
        if args.merge:
            merge(args.merge, args.out, args.step, clauses, points, sys.stderr, args.lang)
            return 0
        if args.step is not None and args.steps is not None:
            parser.error("give --step N or --steps LIST, not both")
        if args.submissions is None or (args.step is None and args.steps is None):
            parser.error("SUBMISSIONS_DIR and --step (or --steps) are required (unless --merge)")
        steps = parse_steps(args.steps) if args.steps is not None else [args.step]
        layout = parse_layout(args.layout, args.server_file) if args.layout else None
        if not args.submissions.is_dir():
            parser.error(f"{args.submissions}: not a folder")
        if args.jobs < 1:
            parser.error("--jobs must be at least 1")
        cfg = RunConfig(step=steps[0], points=points, clauses=clauses,
                        reply_timeout=args.reply_timeout, start_timeout=args.start_timeout, seed=args.seed,
                        submission_timeout=args.timeout,
                        limits=Limits(cpu=args.cpu, mem=args.mem, nproc=args.nproc,
                                      disk=args.disk),
                        use_bwrap=not args.no_bwrap, python=args.python, lang=args.lang,
                        allow_unsandboxed=args.allow_unsandboxed, clients=args.clients,
                        shard=args.shard, platform=recognised_platform())
    except (ValueError, LayoutError, SandboxUnavailable, StateDirError) as exc:
        parser.error(str(exc))

    def grading() -> int:
        try:
            outcome = grade_lab(args.submissions, steps, cfg, args.out, args.jobs, args.force,
                                args.only, layout, args.server_file)
        except (ValueError, LayoutError, SandboxUnavailable, StateDirError) as exc:
            parser.error(str(exc))
        except KeyboardInterrupt:
            return 130
        per_step = "; each step's own in step*/" if len(steps) > 1 else ", results/, junit/"
        print(f"outputs in {args.out}/ (grades.csv, report.html, feedback/, gradescope/, "
              f"classroom/, prairielearn/{per_step})", file=sys.stderr)
        return 130 if outcome.interrupted else 0

    # the submissions' orphans come to a parent that waits for them (reaper.py): their zombies
    # would count against the sandbox uid of whoever is graded next under it
    return as_reaping_parent(grading)


if __name__ == "__main__":
    sys.exit(main())
