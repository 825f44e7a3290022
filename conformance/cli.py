"""``canaduck``: the student's command, from any folder once the kit is installed.

    canaduck check server.py --step 2 [pytest options: -n 4, -x, -k CMD-5, --junitxml F, ...]
    canaduck check --target 127.0.0.1:63000 --step 6 [pytest options]
    canaduck check --client client.py --step 2 [--framing line] [pytest options]
    canaduck spec CMD-5 [ROBUST-1 ...] [--lang fr]
    canaduck spec --step 6 [--lang fr]

``check`` runs the installed suite itself (this package's folder, through ``pytest.main`` and the
``canaduck`` plugin), not a copy: ``server.py`` becomes ``--server-cmd "<this python> server.py"``,
started in the current folder; ``--client client.py`` checks a client the same way (``--client-cmd``,
the suite playing its server). Its node IDs and results are those of ``pytest conformance`` run
from the kit's root (rootdir = the folder holding the package); pytest's cache goes to the current
folder, so ``--lf`` works.
"""
from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from conformance.core.clauses import spec_clauses, spec_path, step_clause_ids
from conformance.core.messages import LANGUAGES, default_language, translator
from conformance.core.settings import ALL_STEPS

SUITE_DIR = Path(__file__).resolve().parent
# pytest and suite options whose next argument is a value, never the server's file.
_TAKES_VALUE = frozenset({"-k", "-m", "-p", "-c", "-o", "-n", "--deselect", "--ignore", "--junitxml",
                          "--results-json", "--server-cmd", "--server-cwd", "--target",
                          "--client", "--client-cmd", "--client-cwd", "--rootdir",
                          "--basetemp", "--reply-timeout", "--start-timeout", "--quiet-gap", "--framing",
                          "--lang", "--maxfail", "--durations", "--tb", "--timeout"})
USAGE = "usage:\n" + __doc__.split("\n\n")[1]


def split_server(args: Sequence[str]) -> Tuple[Optional[str], List[str]]:
    """The server's file (the first argument that is not an option, or a ``.py`` anywhere that is
    not an option's value) and the arguments left for pytest."""
    rest = list(args)
    for index, arg in enumerate(rest):
        if arg.startswith("-"):
            continue
        previous = rest[index - 1] if index else ""
        if index == 0 or (arg.endswith(".py") and previous not in _TAKES_VALUE and "=" not in previous):
            return arg, rest[:index] + rest[index + 1:]
    return None, rest


def server_command(server: str) -> str:
    """``--server-cmd`` (or ``--client-cmd``) for a file: this interpreter (the one the kit is
    installed in) runs it."""
    return f"{shlex.quote(sys.executable)} {shlex.quote(server)}"


def split_client(args: Sequence[str]) -> Tuple[Optional[str], List[str]]:
    """``--client FILE`` (or ``--client=FILE``): the client's file and the arguments left."""
    rest = list(args)
    for index, arg in enumerate(rest):
        if arg.startswith("--client="):
            return arg.split("=", 1)[1], rest[:index] + rest[index + 1:]
        if arg == "--client" and index + 1 < len(rest):
            return rest[index + 1], rest[:index] + rest[index + 2:]
    return None, rest


def pytest_arguments(server: Optional[str], rest: Sequence[str], cwd: str, client: Optional[str] = None) -> List[str]:
    """The pytest command line ``canaduck check`` runs."""
    from conformance.core.settings import QUICK_START_ARGS     # imports pytest: not for ``canaduck spec``
    argv = [str(SUITE_DIR), "--rootdir", str(SUITE_DIR.parent), *QUICK_START_ARGS]
    if "no:cacheprovider" not in rest:
        argv += ["-o", "cache_dir=" + os.path.join(cwd, ".pytest_cache")]
    if server is not None:
        argv += ["--server-cmd", server_command(server)]
    if client is not None:
        argv += ["--client-cmd", server_command(client)]
    return argv + list(rest)


def check(args: Sequence[str]) -> int:
    client, args = split_client(args)
    server, rest = split_server(args)
    for role, path in (("server", server), ("client", client)):
        if path is not None and not os.path.isfile(path):
            print(f"canaduck check: {path}: no such file (run canaduck from your {role}'s folder)",
                  file=sys.stderr)
            return 4
    if server is None and client is None and not any(
            a.split("=", 1)[0] in ("--target", "--server-cmd", "--client-cmd") for a in rest):
        print("canaduck check: say what to check: a file (canaduck check server.py --step 2), a running"
              " server (canaduck check --target 127.0.0.1:63000 --step 2) or a client (canaduck check"
              " --client client.py --step 2)", file=sys.stderr)
        return 4
    import pytest
    return int(pytest.main(pytest_arguments(server, rest, os.getcwd(), client)))


def spec(args: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="canaduck spec", description="Print clauses of the spec.")
    parser.add_argument("clauses", nargs="*", metavar="ID", help="clause IDs, e.g. CMD-5 ROBUST-1")
    parser.add_argument("--step", type=int, choices=ALL_STEPS, help="the clauses that apply to this step")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="en or fr (default: the locale's)")
    options = parser.parse_args(list(args))
    lang = options.lang or default_language()
    _ = translator(lang)
    clauses = spec_clauses(lang)
    wanted = [c.upper() for c in options.clauses]
    sections = [("", wanted)]
    if options.step is not None:
        sections = [(_("Step {step}: the clauses that apply", step=options.step),
                     wanted + step_clause_ids(options.step)),
                    (_("Step {step}: the clauses that apply to the client", step=options.step),
                     step_clause_ids(options.step, role="client"))]
    elif not wanted:
        sections = [("", list(clauses))]
    status = 0
    for title, ids in sections:
        if title:
            print(title)
        status = max(status, _print_clauses(ids, clauses, lang, options.step is None or bool(options.clauses)))
    return status


def _print_clauses(wanted: Sequence[str], clauses, lang: str, whole: bool) -> int:
    """Print the clauses ``wanted`` (whole paragraphs, or one indented line each in a step's list);
    2 if one of them is not in the spec."""
    _ = translator(lang)
    status = 0
    for clause_id in wanted:
        found = clauses.get(clause_id)
        if found is None:
            print(_("no clause {clause} in {spec}", clause=clause_id, spec=spec_path(lang).name), file=sys.stderr)
            status = 2
            continue
        print(f"{found.id} [{found.level}] {found.text}" if whole else f"  {found.id:<10} {found.level:<7} {found.text}")
    return status


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 4
    command, rest = args[0], args[1:]
    if command == "check":
        return check(rest)
    if command == "spec":
        return spec(rest)
    print(f"canaduck: unknown command {command!r}\n{USAGE}", file=sys.stderr)
    return 4


if __name__ == "__main__":
    sys.exit(main())
