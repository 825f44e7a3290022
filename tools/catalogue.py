"""The catalogue of programs with a known verdict (tests/catalogue/), and running the suite on them.

Each catalogue program is one student-style file, a server or a client, whose docstring declares
what the conformance suite must find, in one machine-readable line::

    canaduck-expect: step=3 [role=client] fails=ROBUST-1 [framing=line] [modes=server-cmd]

``role`` says what the program is: ``server`` (the default) or ``client``. ``fails`` lists the MUST
clauses the program breaks (empty or absent: a correct program, no MUST check may fail).
``framing`` is passed to the suite (default ``auto`` for a server: the suite finds out; ``raw`` for a
client, which cannot be asked: it is the framing of the server it was written for). ``modes`` says
how a server may be run: ``server-cmd`` (the suite starts it) and/or ``target`` (already running;
impossible for a step-4 server, whose operator is the suite through stdin). A client is always run
the one way there is, ``client-cmd``: the suite starts it, plays its server and types on its stdin.
The test of the suite (tests/test_catalogue.py) and the clause × program matrix
(``python -m tools.matrix``) both read the headers here and run the suite through ``run_suite``, so
they agree on what a verdict is.
"""
from __future__ import annotations

import ast
import functools
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Sequence

from conformance.core.clauses import step_clause_ids
from conformance.core.settings import QUICK_START_ARGS

REPO_ROOT = Path(__file__).resolve().parent.parent
CATALOGUE_DIR = REPO_ROOT / "tests" / "catalogue"
HEADER_PREFIX = "canaduck-expect:"
CLAUSE_ID = re.compile(r"[A-Z]+-[0-9]+")
ROLE_SERVER = "server"
ROLE_CLIENT = "client"
ROLES = (ROLE_SERVER, ROLE_CLIENT)
MODE_SERVER_CMD = "server-cmd"
MODE_TARGET = "target"
MODE_CLIENT_CMD = "client-cmd"
ALL_MODES = (MODE_SERVER_CMD, MODE_TARGET)         # how a server may be run
CLIENT_MODES = (MODE_CLIENT_CMD,)                  # how a client is run
FRAMINGS = ("auto", "raw", "line")
CLIENT_FRAMINGS = ("raw", "line")                  # a client speaks its server's framing: no "auto"
HEADER_FIELDS = ("step", "role", "fails", "framing", "modes", "starts")
STEPS = range(1, 9)
FAILING_OUTCOMES = ("failed", "error")
START_TIMEOUT = 15.0
_LEADING_DOCSTRING = re.compile(r'\A\s*"""(.*?)"""', re.DOTALL)


@functools.lru_cache(maxsize=None)
def client_clause_ids() -> FrozenSet[str]:
    """The client's clauses: those of the spec's client step table (section 9), any step."""
    return frozenset(clause for step in STEPS for clause in step_clause_ids(step, role=ROLE_CLIENT))


def is_client_clause(clause_id: str) -> bool:
    """A clause of the client, checked by ``--client-cmd`` runs only (a server run never sees it)."""
    return clause_id in client_clause_ids()


class CatalogueError(ValueError):
    """A catalogue file without a valid ``canaduck-expect`` header."""


@dataclass(frozen=True)
class Expectation:
    """What one catalogue program (a server or a client) is declared to do under the suite."""

    path: Path
    step: int
    fails: FrozenSet[str]
    framing: str = "auto"
    modes: FrozenSet[str] = frozenset(ALL_MODES)
    summary: str = ""
    starts: bool = True          # starts=no: the program never starts (the suite says so, once)
    role: str = ROLE_SERVER

    @property
    def name(self) -> str:
        """``step3/raw_robust_ok``: the path under the catalogue, without ``.py``."""
        try:
            relative = self.path.relative_to(CATALOGUE_DIR)
        except ValueError:
            relative = Path(self.path.name)
        return relative.with_suffix("").as_posix()

    @property
    def correct(self) -> bool:
        return not self.fails and self.starts

    @property
    def is_client(self) -> bool:
        return self.role == ROLE_CLIENT

    @property
    def default_mode(self) -> str:
        """How the catalogue test and the matrix run it: the suite starts the program."""
        return MODE_CLIENT_CMD if self.is_client else MODE_SERVER_CMD


def parse_expectation(path: Path, source: str) -> Expectation:
    """Read the ``canaduck-expect`` line of a catalogue program's module docstring."""
    try:
        docstring = ast.get_docstring(ast.parse(source, filename=str(path))) or ""
    except SyntaxError as exc:      # a server that does not compile (starts=no): read the text
        match = _LEADING_DOCSTRING.match(source)
        if match is None:
            raise CatalogueError(f"{path}: not valid Python ({exc}) and no leading docstring") from None
        docstring = match.group(1).strip()
    headers = [line.strip()[len(HEADER_PREFIX):] for line in docstring.splitlines()
               if line.strip().startswith(HEADER_PREFIX)]
    if len(headers) != 1:
        raise CatalogueError(f"{path}: expected one '{HEADER_PREFIX}' line in the docstring,"
                             f" found {len(headers)}")
    values: Dict[str, str] = {}
    for token in headers[0].split():
        key, sep, value = token.partition("=")
        if not sep or key not in HEADER_FIELDS or key in values:
            raise CatalogueError(f"{path}: bad or repeated field {token!r} in '{HEADER_PREFIX}'")
        values[key] = value
    if not values.get("step", "").isdigit() or int(values["step"]) not in STEPS:
        raise CatalogueError(f"{path}: step= must be a number from 1 to 8")
    fails = frozenset(part for part in values.get("fails", "").split(",") if part)
    bad = sorted(clause for clause in fails if not CLAUSE_ID.fullmatch(clause))
    if bad:
        raise CatalogueError(f"{path}: fails= holds something that is not a clause ID: {bad}")
    role = values.get("role", ROLE_SERVER)
    if role not in ROLES:
        raise CatalogueError(f"{path}: role= must be one of {ROLES}")
    framings, allowed_modes = (CLIENT_FRAMINGS, CLIENT_MODES) if role == ROLE_CLIENT else (FRAMINGS, ALL_MODES)
    framing = values.get("framing", framings[0])
    if framing not in framings:
        raise CatalogueError(f"{path}: framing= must be one of {framings} for a {role}")
    modes = frozenset(part for part in values.get("modes", ",".join(allowed_modes)).split(",") if part)
    if not modes or not modes <= set(allowed_modes):
        raise CatalogueError(f"{path}: modes= must be a list of {allowed_modes} for a {role}")
    if values.get("starts", "yes") not in ("yes", "no"):
        raise CatalogueError(f"{path}: starts= must be yes or no")
    starts = values.get("starts", "yes") == "yes"
    if not starts and fails:
        raise CatalogueError(f"{path}: a program that does not start (starts=no) breaks no clause (fails=)")
    summary = docstring.splitlines()[0] if docstring else ""
    return Expectation(path=path, step=int(values["step"]), fails=fails, framing=framing,
                       modes=modes, summary=summary, starts=starts, role=role)


def load_catalogue(directory: Path = CATALOGUE_DIR) -> List[Expectation]:
    """Every program of the catalogue (``*.py`` under ``step*/``), servers and clients, sorted by name."""
    paths = sorted(directory.glob("step*/*.py"))
    return [parse_expectation(path, path.read_text(encoding="utf-8")) for path in paths]


@dataclass
class SuiteRun:
    """One run of the conformance suite against one catalogue program."""

    expectation: Expectation
    mode: str
    jobs: int
    returncode: Optional[int]
    results: Optional[dict]
    output: str
    command: List[str] = field(default_factory=list)

    @property
    def checks(self) -> List[dict]:
        return list((self.results or {}).get("checks", []))

    def failed_must(self) -> FrozenSet[str]:
        """The MUST clauses with at least one failed (or erroring) check."""
        return frozenset(check["clause"] for check in self.checks
                         if check.get("level") == "MUST" and check.get("outcome") in FAILING_OUTCOMES)

    def clause_verdicts(self) -> Dict[str, str]:
        """clause → ``caught`` (a check failed or erred), ``not reached`` (a check could not be made
        because of another fault), ``passed`` (a check passed, none of the above) or ``not run``
        (does not apply, or reported as advice only)."""
        rank = {"not run": 0, "passed": 1, "not reached": 2, "caught": 3}
        verdicts: Dict[str, str] = {}
        for check in self.checks:
            clause, outcome = check.get("clause"), check.get("outcome")
            if not clause:
                continue
            if outcome in FAILING_OUTCOMES:
                verdict = "caught"
            elif outcome == "not_reached":
                verdict = "not reached"
            elif outcome == "passed":
                verdict = "passed"
            else:
                verdict = "not run"
            if rank[verdict] >= rank[verdicts.get(clause, "not run")]:
                verdicts[clause] = verdict
        return verdicts

    def not_reached(self) -> FrozenSet[str]:
        """The clauses with a check that could not be made because of another fault."""
        return frozenset(check["clause"] for check in self.checks if check.get("outcome") == "not_reached")

    def explain(self, clauses: Sequence[str] = ()) -> str:
        """The command, the failing (or the named) checks with their transcripts, and the output."""
        lines = ["$ " + " ".join(shlex.quote(part) for part in self.command),
                 f"exit code {self.returncode}"]
        if self.results is not None and not self.results.get("started", True):
            lines.append(f"{self.expectation.role} did not start: {self.results.get('start_error')}")
        for check in self.checks:
            if check.get("outcome") in FAILING_OUTCOMES or check.get("clause") in clauses:
                lines.append(f"--- {check.get('clause')} [{check.get('level')}] {check.get('outcome')}:"
                             f" {check.get('nodeid')}")
                for key in ("message", "transcript", "server_output"):
                    if check.get(key):
                        lines.append(f"{key}:\n{str(check[key])[:1500]}")
        lines.append("--- pytest output (tail):\n" + self.output[-3000:])
        return "\n".join(lines)


def program_command(expectation: Expectation) -> str:
    """How the suite (or we, in target mode) start the program: this interpreter on the file."""
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(expectation.path))}"


# The probes generated from the grammar use one seed here, as the grader does: a declared verdict is
# the same on every run (CANADUCK_CATALOGUE_SEED explores another).
CATALOGUE_SEED = int(os.environ.get("CANADUCK_CATALOGUE_SEED", "1"))


def suite_arguments(expectation: Expectation, mode: str) -> List[str]:
    """The suite's options that say what it checks: the program started by the suite (``--server-cmd``
    or ``--client-cmd``), its step and framing. ``--target`` is added by whoever started the server."""
    launch = {MODE_SERVER_CMD: ["--server-cmd", program_command(expectation)],
              MODE_CLIENT_CMD: ["--client-cmd", program_command(expectation)],
              MODE_TARGET: []}[mode]
    return [*launch, "--step", str(expectation.step), "--framing", expectation.framing, "--seed", str(CATALOGUE_SEED)]


def run_program(argv: List[str], timeout: float, env: Optional[Dict[str, str]] = None) -> tuple:
    """Run a program of ours (the suite, the grader) from the repository in its own process group;
    on timeout interrupt it (SIGINT) so its teardown still runs. Returns (exit code or None, output)."""
    proc = subprocess.Popen(argv, cwd=str(REPO_ROOT), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, env=env)
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        for sig, wait in ((signal.SIGINT, 10.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                out, _ = proc.communicate(timeout=wait)
                break
            except subprocess.TimeoutExpired:
                out = b""
        return None, (out or b"").decode("utf-8", "replace") + f"\n[suite killed after {timeout:g} s]"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(5)
    return proc.returncode, out.decode("utf-8", "replace")


def run_suite(expectation: Expectation, mode: Optional[str] = None, jobs: int = 0,
              reply_timeout: float = 1.0, timeout: float = 240.0) -> SuiteRun:
    """Run ``python -m pytest conformance`` on one catalogue program and read its results file.

    ``mode`` is ``server-cmd`` (the suite starts the server, a fresh one where it needs to),
    ``target`` (we start the server with the suite's launcher and pass ``--target``; its disruptive
    checks run last) or ``client-cmd`` (the suite starts the client and plays its server); default:
    the program's ``default_mode``. ``jobs`` > 0 adds ``-n jobs`` (pytest-xdist).
    """
    mode = mode or expectation.default_mode
    if mode not in expectation.modes:
        raise ValueError(f"{expectation.name} cannot run in {mode} mode")
    with tempfile.TemporaryDirectory(prefix="canaduck-catalogue-") as tmp:
        results_path = os.path.join(tmp, "results.json")
        argv = [sys.executable, "-m", "pytest", "conformance", *suite_arguments(expectation, mode),
                "--reply-timeout", f"{reply_timeout:g}",
                "--results-json", results_path, "-p", "no:cacheprovider", "-q", "-rN", *QUICK_START_ARGS]
        if jobs > 0:
            argv += ["-n", str(jobs)]
        server = None
        try:
            if mode == MODE_TARGET:
                from conformance.server_under_test.launcher import launch
                server = launch(program_command(expectation), START_TIMEOUT)
                host = f"[{server.host}]" if ":" in server.host else server.host
                argv += ["--target", f"{host}:{server.port}"]
            returncode, output = run_program(argv, timeout)
        finally:
            if server is not None:
                server.stop()
        results = None
        if os.path.exists(results_path):
            with open(results_path, encoding="utf-8") as handle:
                results = json.load(handle)
    return SuiteRun(expectation=expectation, mode=mode, jobs=jobs, returncode=returncode,
                    results=results, output=output, command=argv)
