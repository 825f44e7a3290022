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
from the kit's root (rootdir = the folder holding the package). By default it prints its own short
report (``conformance.core.short_report``) instead of pytest's; ``-v`` (or an option that asks
pytest for output, like ``--collect-only``) gives pytest's full report. pytest's cache goes to the
user's cache folder (one per checked folder, so ``--lf`` works): nothing is left in the student's
folder, which is zipped and handed in.
"""
from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from conformance.core.clauses import spec_clauses, spec_path, step_clause_ids
from conformance.core.messages import LANGUAGES, default_language, translator
from conformance.core.processes import join_command
from conformance.core.settings import ALL_STEPS

SUITE_DIR = Path(__file__).resolve().parent
# pytest and suite options whose next argument is a value, never the server's file.
_TAKES_VALUE = frozenset({"-k", "-m", "-p", "-c", "-o", "-n", "--deselect", "--ignore", "--junitxml",
                          "--results-json", "--server-cmd", "--server-cwd", "--target",
                          "--client", "--client-cmd", "--client-cwd", "--rootdir",
                          "--basetemp", "--reply-timeout", "--start-timeout", "--quiet-gap", "--framing",
                          "--lang", "--maxfail", "--durations", "--tb", "--timeout"})
USAGE = "usage:\n" + __doc__.split("\n\n")[1]
# Options that ask pytest itself for output: with them, pytest's own report is shown.
_PYTEST_OUTPUT = ("-v", "-vv", "-vvv", "--verbose", "--collect-only", "--co", "--fixtures", "--markers",
                  "--setup-plan", "--setup-show", "--setup-only", "--version")
USAGE_ERROR = 4

MAIN_HELP = """usage: canaduck COMMAND ...

  canaduck check server.py --step N     check your server (started from the current folder)
  canaduck check --client client.py --step N   check your client (the tool plays the server)
  canaduck check --target HOST:PORT --step N   check a server that is already running
  canaduck spec ID... | --step N        print clauses of the spec

canaduck check --help: the options and the exit codes."""

CHECK_HELP = """usage: canaduck check [server.py] --step N [options] [pytest options]

What to check (one of):
  server.py                 your server's file, started by the tool in the current folder
  --client client.py        your client's file; the tool plays the server
  --target HOST:PORT        a server already running (a classmate's): the last checks
                            (ROBUST-*) may crash or freeze it; --gentle leaves them out
  --server-cmd "CMD"        the command that starts your server ({port} is replaced)
Options:
  --step N                  the step your program implements (1 to 8); required
  --framing raw|line        the framing (default: detected)
  --lang en|fr              the language of the report (default: your system's)
  --results-json FILE       also write the results as JSON
  -v                        pytest's full report instead of the short one
  -x, -k CMD-5, -n 4        pytest options work too (-x stops at the first failure)
Exit codes:
  0 every clause checked holds      1 a clause is broken
  2 interrupted (Ctrl-C)            3 nothing listening at --target
  4 usage error                     6 your program did not start
  7 partial verdict (checks not run, or the run stopped early)"""


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


def server_command(server: str, platform: str = os.name) -> str:
    """``--server-cmd`` (or ``--client-cmd``) for a file: this interpreter (the one the kit is
    installed in) runs it; quoted for the platform (``C:\\tp\\server.py`` stays as it is on Windows)."""
    return join_command([sys.executable, server], platform)


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
        argv += ["-o", "cache_dir=" + cache_dir(cwd)]
    if server is not None:
        argv += ["--server-cmd", server_command(server)]
    if client is not None:
        argv += ["--client-cmd", server_command(client)]
    return argv + list(rest)


def language_of_args(args: Sequence[str]) -> str:
    """``--lang X`` / ``--lang=X`` if given (and known), else the locale's language."""
    for index, arg in enumerate(args):
        value = arg.split("=", 1)[1] if arg.startswith("--lang=") else (
            args[index + 1] if arg == "--lang" and index + 1 < len(args) else None)
        if value in LANGUAGES:
            return value
    return default_language()


def cache_dir(cwd: str, environ=os.environ) -> str:
    """pytest's cache for the checked folder, in the user's cache folder (never in the student's
    folder, which is handed in): ``$XDG_CACHE_HOME``/``~/.cache`` or ``%LOCALAPPDATA%``."""
    base = environ.get("LOCALAPPDATA") if os.name == "nt" else environ.get("XDG_CACHE_HOME")
    base = base or os.path.join(os.path.expanduser("~"), ".cache")
    key = hashlib.sha256(os.path.abspath(cwd).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    return os.path.join(base, "canaduck", "pytest-" + key)


def check(args: Sequence[str]) -> int:
    lang = language_of_args(args)
    _ = translator(lang)
    typed = list(args)
    if any(arg in ("-h", "--help") for arg in args):
        print(_(CHECK_HELP))
        return 0
    client, args = split_client(args)
    server, rest = split_server(args)
    for role, path in (("server", server), ("client", client)):
        if path is not None and not os.path.isfile(path):
            message = ("canaduck check: {path}: no such file (run canaduck from your server's folder)" if role == "server"
                       else "canaduck check: {path}: no such file (run canaduck from your client's folder)")
            print(_(message, path=path), file=sys.stderr)
            return USAGE_ERROR
    if server is None and client is None and not any(
            a.split("=", 1)[0] in ("--target", "--server-cmd", "--client-cmd") for a in rest):
        print(_("canaduck check: say what to check: a file (canaduck check server.py --step 2), a running"
                " server (canaduck check --target 127.0.0.1:63000 --step 2) or a client (canaduck check"
                " --client client.py --step 2). canaduck check --help: the options."), file=sys.stderr)
        return USAGE_ERROR
    import pytest
    argv = pytest_arguments(server, rest, os.getcwd(), client)
    if any(a.split("=", 1)[0] == "--target" for a in rest) and "--gentle" not in rest:
        print(_("--target: the last checks (ROBUST-*) may crash or freeze this server; --gentle leaves them out."))
        sys.stdout.flush()
    if any(arg in _PYTEST_OUTPUT or arg.startswith("-v") for arg in rest):
        return int(pytest.main(argv))
    return _short_run(argv, ["check", *typed], lang)


def _short_run(argv: List[str], command: List[str], lang: str) -> int:
    """Run the suite with pytest's own report silenced, then print the short report."""
    import pytest
    from conformance.core.short_report import render
    with tempfile.TemporaryDirectory(prefix="canaduck-screen-") as folder:
        screen_path = os.path.join(folder, "screen.json")
        pytest_output, pytest_errors = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(pytest_output), contextlib.redirect_stderr(pytest_errors):
            try:
                status = int(pytest.main(argv + ["--canaduck-screen", screen_path]))
            except KeyboardInterrupt:         # a second Ctrl-C during the teardown
                status = int(pytest.ExitCode.INTERRUPTED)
        if not os.path.isfile(screen_path):      # no run (a usage error, no check): pytest's words
            sys.stdout.write(pytest_output.getvalue())
            sys.stderr.write(pytest_errors.getvalue())
            return status
        # pytest's "Exit: nothing is listening..." is in the report already: said once
        sys.stderr.write("".join(line for line in pytest_errors.getvalue().splitlines(True)
                                 if not line.startswith("Exit: ")))
        with open(screen_path, encoding="utf-8") as handle:
            screen = json.load(handle)
    width = shutil.get_terminal_size((120, 50)).columns
    colors = sys.stdout.isatty() and os.name != "nt" and not os.environ.get("NO_COLOR")
    for line in render(screen, ["canaduck", *command], width, colors):
        print(line)
    return status


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


def _readable_output() -> None:
    """A console that cannot show a character (cp1252, cp850) shows it escaped, that character
    only: the rest of the line stays readable."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass


def main(argv: Optional[Sequence[str]] = None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:          # canaduck check --help | head
        return 0


def _main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    _readable_output()
    _ = translator(language_of_args(args))
    if not args or args[0] in ("-h", "--help"):
        print(_(MAIN_HELP))
        return 0 if args else USAGE_ERROR
    command, rest = args[0], args[1:]
    if command == "check":
        return check(rest)
    if command == "spec":
        return spec(rest)
    print(_("canaduck: unknown command {command}", command=repr(command)) + "\n" + _(MAIN_HELP), file=sys.stderr)
    return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
