"""`python -m tools.grade.platforms`: package the grader for an engine, or run inside one.

    python -m tools.grade.platforms gradescope   --steps 1-8 [--layout P] --out DIR   # DIR/autograder.zip
    python -m tools.grade.platforms prairielearn --steps 6 --out questions/canaduck6  # question folder
    python -m tools.grade.platforms classroom    --steps 1-8 --out TEMPLATE_REPO      # .github/...
    python -m tools.grade.platforms run ENGINE --settings FILE [--root DIR] [--submission DIR]
    python -m tools.grade.platforms check --results DIR --step N --clauses A,B      # Classroom test
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import List, Optional

from conformance.core.messages import LANGUAGES

from ..lab import parse_steps
from ..layout import DEFAULT_FILE, LayoutError, parse_layout
from ..points import PointsError, load_points
from ..reaper import as_reaping_parent
from ..spec_clauses import load_clauses
from ..suite_run import CLIENT_MODES, CLIENTS_AUTO
from . import classroom, gradescope, prairielearn
from .kit import GradingSettings, PackagingError
from .run import run

ENGINES = ("gradescope", "prairielearn", "classroom")
# Each platform's time limit for one submission, and the budget that fits in it with the set-up
# (PrairieLearn's run.sh installs the kit first) and the results' writing to spare.
LIMITS = {"gradescope": "Gradescope's default autograder timeout is 600 s",
          "prairielearn": "PrairieLearn allows 600 s at most",
          "classroom": "the workflow's job gets budget + 10 minutes; GitHub's default is 360 min"}
BUDGETS = {"gradescope": 540.0, "prairielearn": 540.0, "classroom": 3000.0}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m tools.grade.platforms", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    for engine in ENGINES:
        b = sub.add_parser(engine, help=f"generate the {engine} package")
        b.add_argument("--steps", "--step", dest="steps", required=True, metavar="LIST",
                       help="the steps graded: 6, 1-8, 2,5,6")
        b.add_argument("--layout", default="", metavar="PATTERN|FILE.toml",
                       help="where each step's server is (default: detected per submission)")
        b.add_argument("--server-file", default=DEFAULT_FILE, metavar="NAME")
        b.add_argument("--points", type=Path, help="TOML points file (tools/grade/README.md)")
        b.add_argument("--timeout", type=float, default=300.0,
                       help="wall-clock seconds for one step's run (300)")
        b.add_argument("--budget", type=float, default=BUDGETS[engine],
                       help="wall-clock seconds for one submission, all its steps: within the "
                            f"platform's limit ({BUDGETS[engine]:g}; {LIMITS[engine]})"),
        b.add_argument("--start-timeout", type=float, default=10.0)
        b.add_argument("--reply-timeout", type=float, default=2.0)
        b.add_argument("--clients", choices=CLIENT_MODES, default=CLIENTS_AUTO,
                       help="grade each step's client too: auto, required, off (auto)")
        b.add_argument("--lang", choices=LANGUAGES, default="en",
                       help="the language of the students' feedback (en)")
        b.add_argument("--out", type=Path, required=True, help="where to write the package")
        if engine != "classroom":
            b.add_argument("--deps-wheels", type=Path, metavar="DIR",
                           help="take the dependencies' wheels from DIR (default: pip download)")
            b.add_argument("--no-deps-wheels", action="store_true",
                           help="do not ship the dependencies: the engine installs them from "
                                "PyPI when it sets up (needs network there)")
            b.add_argument("--python-version", default="3.10",
                           help="the engine's python3, for the dependencies' wheels (3.10)")
        if engine == "prairielearn":
            b.add_argument("--title", default="", help="the question's title")
    r = sub.add_parser("run", help="inside an engine: grade one submission, write its results")
    r.add_argument("engine", choices=ENGINES)
    r.add_argument("--settings", type=Path, required=True, help="the package's settings file")
    r.add_argument("--root", type=Path, help="the engine's root (/autograder, /grade)")
    r.add_argument("--submission", type=Path, help="the student's folder (engine default)")
    r.add_argument("--out", type=Path, help="Classroom: where each step's result goes "
                   f"(${classroom.RESULTS_VAR}, else {classroom.RESULTS_DIR}; emptied first)")
    c = sub.add_parser("check", help="GitHub Classroom: pass when a clause group held")
    c.add_argument("--results", type=Path,
                   help=f"the grading step's results (${classroom.RESULTS_VAR}, else "
                        f"{classroom.RESULTS_DIR})")
    c.add_argument("--step", type=int, required=True)
    c.add_argument("--clauses", required=True, help="comma-separated clause IDs")
    c.add_argument("--part", choices=("server", "client"), default="server",
                   help="the step's server (default) or its client")
    c.add_argument("--lang", choices=LANGUAGES, default="en",
                   help="the language of what it says (the student's)")
    return p


def _settings(args: argparse.Namespace) -> GradingSettings:
    clauses = load_clauses()
    points = load_points(args.points, clauses)
    settings = GradingSettings(steps=parse_steps(args.steps), server_file=args.server_file,
                               points=points.settings(),
                               timeout=args.timeout, start_timeout=args.start_timeout,
                               reply_timeout=args.reply_timeout, lang=args.lang,
                               clients=args.clients, budget=args.budget)
    if args.layout:
        layout = parse_layout(args.layout, args.server_file)
        if layout.mapping:
            settings.mapping = [list(m) for m in layout.mapping]
            settings.client_mapping = [list(m) for m in layout.client_mapping]
        else:
            settings.layout = layout.pattern
    return settings


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "check":
        return classroom.check(args.results or Path(classroom.results_dir()), args.step,
                               [c for c in args.clauses.split(",") if c], sys.stdout, args.part,
                               args.lang)
    if args.command == "run":
        def grading() -> int:
            try:
                path = run(args.engine, args.settings, args.root, args.submission, args.out)
            except ValueError as exc:
                parser.error(str(exc))
            print(f"results in {path}", file=sys.stderr)
            return 0

        # a platform's container may have an entry point that never waits for orphans: the
        # grader's own parent does (reaper.py)
        return as_reaping_parent(grading)
    try:
        settings = _settings(args)
        if args.command == "gradescope":
            path = gradescope.build(settings, args.out, args.deps_wheels,
                                    not args.no_deps_wheels, args.python_version)
        elif args.command == "prairielearn":
            title = args.title or f"CanaDuck socket lab, steps {args.steps}"
            path = prairielearn.build(settings, args.out, args.deps_wheels,
                                      not args.no_deps_wheels, args.python_version, title)
        else:
            path = classroom.build(settings, args.out)
    except (ValueError, LayoutError, PointsError, PackagingError) as exc:
        parser.error(str(exc))
    print(f"{args.command} package: {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
