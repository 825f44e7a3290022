"""The CanaDuck conformance suite's pytest plugin: options, settings, fixtures, results.

Installed as the ``canaduck`` pytest plugin (entry point ``pytest11``), so its options work from
any folder: ``canaduck check server.py --step 3`` (``conformance.cli``) or, from the kit's root,
``pytest conformance --server-cmd "python server.py" --step 3``. It stays out of other test runs:
its hooks act on checks only, and it reports only when checks ran.
A check is a test marked ``@pytest.mark.clause("ID")`` and ``@pytest.mark.steps(...)``, taking the
``step`` parameter and the ``check`` fixture, plus ``server`` (steps 3-8) or ``scenario`` (1-2); a
client check (``@pytest.mark.client``, run with ``--client-cmd`` only) takes ``client_session``.
Its test id carries the clause: ``test_me[CMD-2-step6]``, so ``-k CMD-2`` selects it.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from conformance.client_under_test.process import ClientDidNotStart
from conformance.client_under_test.session import ClientSession, probe_start
from conformance.core.messages import LANGUAGES, default_language, translate_text, translator
from conformance.core.results import PROPERTY, Results
from conformance.server_under_test import disruptive_last, generated_probes
from conformance.server_under_test import target as targets
from conformance.server_under_test.launcher import ServerDidNotStart
from conformance.server_under_test.scenario import DEFAULT_ORDER, FOCUS, Scenario, answers_every_clause, run_scenario
from conformance.core.settings import (MODE_CLIENT, MODE_COMMAND, MODE_TARGET, ONE_SHOT_STEPS, Settings,
                                  build_settings, format_address, new_seed)
from conformance.core.verdict import NOT_REACHED, Check

SETTINGS_KEY = pytest.StashKey[Settings]()
RESULTS_KEY = pytest.StashKey[Results]()
CHECK_KEY = pytest.StashKey[Check]()
FAILED_KEY = pytest.StashKey[bool]()
START_ERROR_KEY = pytest.StashKey[str]()
NOTHING_LISTENING_EXIT = 3      # exit code when --target finds nothing listening (results JSON: started=false)
DID_NOT_START_EXIT = 6          # exit code when --server-cmd's server never listens (results JSON: started=false)
PARTIAL_EXIT = 7                # exit code of a run whose verdict is partial (stopped early, checks not run)
NOT_STARTED_KEY = pytest.StashKey[str]()
BARRIER_KEY = pytest.StashKey["disruptive_last.Barrier"]()
NOT_STARTED_FILE = "did-not-start.txt"
SEED_INPUT = "canaduck_seed"
WORKER_PID_FILE = "worker-{name}.pid"    # a worker's pid, for the controller to pass a SIGTERM on
WORKER_TEARDOWN_TIMEOUT = 60             # seconds the controller waits for its workers' teardown
# Signals that end a run like Ctrl-C does (teardown: the launched servers stopped), and what they say.
STOP_SIGNALS = (("SIGTERM", "stopped by SIGTERM"), ("SIGHUP", "stopped by SIGHUP (the terminal closed)"))
PREVIOUS_HANDLERS_KEY = pytest.StashKey[list]()
SCREEN_WRITTEN_KEY = pytest.StashKey[bool]()
SUITE_DIR = Path(__file__).resolve().parent
MARKERS = (
    "clause(id): the spec clause a conformance check verifies",
    "steps(*n): the steps a conformance check applies to",
    "disruptive: a conformance check that may crash or freeze a server",
    "client: a conformance check of a client (--client-cmd); the others check servers",
)


def pytest_addoption(parser) -> None:
    group = parser.getgroup("canaduck", "CanaDuck conformance suite")
    group.addoption("--target", metavar="HOST:PORT", default=None,
                    help="check a server that is already running (127.0.0.1:63000, [::1]:63000)")
    group.addoption("--server-cmd", metavar="CMD", default=None,
                    help="start the server with CMD ({port} and env PORT give the port; the bind shim"
                         " moves a hard-coded port)")
    group.addoption("--step", metavar="N", action="append", nargs="+", default=[],
                    help="the step(s) the server implements (1-8); required with --target/--server-cmd")
    group.addoption("--framing", choices=("auto", "raw", "line"), default=None,
                    help="auto (detect, default), raw or line; with the bundled reference: its framing (raw)")
    group.addoption("--reply-timeout", metavar="S", default="2", help="seconds to wait for a reply (2)")
    group.addoption("--start-timeout", metavar="S", default="10",
                    help="seconds a started server has to listen (10)")
    group.addoption("--quiet-gap", metavar="S", default="0.05",
                    help="a reply the suite cannot recognise as complete ends after this long without"
                         " bytes (0.05), or longer when the server pauses inside its replies"
                         " (learnt from its first exchanges)")
    group.addoption("--gentle", action="store_true", default=False,
                    help="with --target: leave out the checks that may crash or freeze the server (by"
                         " default they run last, after all others); the verdict is then partial")
    group.addoption("--allow-disruptive", action="store_true", default=False,
                    help="deprecated, no effect: the disruptive checks run by default (see --gentle)")
    group.addoption("--results-json", metavar="PATH", default=None,
                    help="write the results (schema canaduck-results/1) to PATH")
    group.addoption("--server-cwd", metavar="DIR", default=None,
                    help="the folder --server-cmd runs in (default: the folder pytest was started from)")
    group.addoption("--client-cmd", metavar="CMD", default=None,
                    help="check a client instead: start CMD for each check, the suite playing the server"
                         " ({port} and env PORT give the port; the bind shim redirects a hard-coded"
                         " connect()); --framing: the server's framing the client speaks (raw, default, or line)")
    group.addoption("--client-cwd", metavar="DIR", default=None,
                    help="the folder --client-cmd runs in (default: the folder pytest was started from)")
    group.addoption("--seed", metavar="N", default=None,
                    help="seed of the probes generated from the spec's grammar (default: a new one each run,"
                         " shown in the header and in every failure it found: give it to replay the run)")
    group.addoption("--lang", choices=LANGUAGES, default=None,
                    help="language of the summary and failure explanations (default: the locale's, else en)")
    # ``canaduck check``'s own short report reads the run from this file (conformance.cli).
    group.addoption("--canaduck-screen", metavar="PATH", default=None, help=argparse.SUPPRESS)


def _is_worker(config) -> bool:
    return hasattr(config, "workerinput")


def _is_check(node) -> bool:
    """A conformance check (the plugin leaves every other test alone)."""
    return node.get_closest_marker("clause") is not None


def _suite_requested(config) -> bool:
    """The run is the conformance suite's: one of its options, or the suite's folder as an argument."""
    if (config.getoption("target") or config.getoption("server_cmd") or config.getoption("client_cmd")
            or config.getoption("step")):
        return True
    for arg in config.args:
        path = Path(config.invocation_params.dir, str(arg).split("::")[0]).resolve()
        if path == SUITE_DIR or SUITE_DIR in path.parents:
            return True
    return False


def pytest_configure(config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if not _is_worker(config):
        # Absolute, before xdist starts its workers (they receive the options): all run the server there.
        config.option.server_cwd = str(config.invocation_params.dir / (config.getoption("server_cwd") or "."))
        config.option.client_cwd = str(config.invocation_params.dir / (config.getoption("client_cwd") or "."))
        if config.getoption("seed") is None:     # one seed for the whole run (workers: pytest_configure_node)
            config.option.seed = str(new_seed())
    else:
        config.option.seed = config.workerinput.get(SEED_INPUT, config.getoption("seed"))
    steps = [value for group in config.getoption("step") for value in group]
    lang = config.getoption("lang") or default_language()
    try:
        settings = build_settings(
            target=config.getoption("target"), server_cmd=config.getoption("server_cmd"), steps=steps,
            framing=config.getoption("framing"), reply_timeout=config.getoption("reply_timeout"),
            start_timeout=config.getoption("start_timeout"), quiet_gap=config.getoption("quiet_gap"),
            gentle=config.getoption("gentle"),
            results_json=config.getoption("results_json"), server_cwd=config.getoption("server_cwd"),
            lang=config.getoption("lang"), client_cmd=config.getoption("client_cmd"),
            client_cwd=config.getoption("client_cwd"), seed=config.getoption("seed"))
    except pytest.UsageError as exc:
        raise pytest.UsageError(translate_text(lang if lang in LANGUAGES else "en", str(exc))) from None
    if settings.results_json and not _is_worker(config):
        # Before anything runs: a results file that cannot be written would be found out at the end.
        path = config.invocation_params.dir / settings.results_json
        if not path.parent.is_dir():
            raise pytest.UsageError(translator(settings.lang)(
                "--results-json {path}: the folder {folder} does not exist",
                path=settings.results_json, folder=str(path.parent)))
    config.stash[SETTINGS_KEY] = settings
    # The bind shim's hints speak the run's language (programs under test inherit the environment).
    os.environ["CANADUCK_LANG"] = settings.lang
    if not _is_worker(config):
        config.stash[RESULTS_KEY] = Results(settings)
        config.pluginmanager.register(_ResultsCollector(config.stash[RESULTS_KEY]), "canaduck-results")
    if _suite_requested(config):
        _stop_on_signals(config)


def _stop_on_signals(config) -> None:
    """SIGTERM and SIGHUP end the run as Ctrl-C does: a KeyboardInterrupt, so every fixture's
    teardown stops the servers it launched (no orphans). The controller passes the signal on to its
    xdist workers (as SIGINT: they stop like after a Ctrl-C) and notes why the run stopped."""
    if threading.current_thread() is not threading.main_thread():
        return
    previous = []

    def handler(number, frame, why=""):
        results = config.stash.get(RESULTS_KEY, None)
        if results is not None and results.stopped is None:
            results.stopped = why
        _interrupt_workers(config)
        raise KeyboardInterrupt

    for name, why in STOP_SIGNALS:
        number = getattr(signal, name, None)
        if number is None:
            continue
        previous.append((number, signal.signal(number, lambda n, f, why=why: handler(n, f, why))))
    config.stash[PREVIOUS_HANDLERS_KEY] = previous


def _interrupt_workers(config) -> None:
    """SIGINT to each xdist worker, then wait (bounded) until each has torn down (its pid file gone):
    xdist gives a worker only 10 s once the controller ends, too little on a loaded machine."""
    if _is_worker(config) or os.name == "nt":
        return
    try:
        pid_files = list(targets.shared_dir(config).glob(WORKER_PID_FILE.format(name="*")))
    except Exception:       # before the temporary folder exists: no worker yet
        return
    for pid_file in pid_files:
        try:
            os.kill(int(pid_file.read_text()), signal.SIGINT)
        except (OSError, ValueError):
            pass
    deadline = time.monotonic() + WORKER_TEARDOWN_TIMEOUT
    while any(path.exists() for path in pid_files) and time.monotonic() < deadline:
        time.sleep(0.1)


def pytest_unconfigure(config) -> None:
    for number, handler in config.stash.get(PREVIOUS_HANDLERS_KEY, []):
        signal.signal(number, handler)
    if _is_worker(config) and _suite_requested(config):      # torn down: its servers are stopped
        name = WORKER_PID_FILE.format(name=config.workerinput.get("workerid", os.getpid()))
        try:
            (targets.shared_dir(config) / name).unlink()
        except OSError:
            pass
    results = config.stash.get(RESULTS_KEY, None)
    if results is not None and not config.stash.get(SCREEN_WRITTEN_KEY, False):
        # Interrupted before the session could finish (while starting): still said, and partial.
        results.stopped = results.stopped or "interrupted (Ctrl-C)"
        _write_screen(config, results, int(pytest.ExitCode.INTERRUPTED))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node) -> None:
    """xdist: a worker gets the controller's seed (it gets the command line, not the options)."""
    node.workerinput[SEED_INPUT] = node.config.option.seed


def pytest_report_header(config) -> list:
    if not _suite_requested(config):
        return []
    s = config.stash[SETTINGS_KEY]
    _ = translator(s.lang)
    steps = " ".join(map(str, s.steps))
    lines = [_("canaduck target: {target}", target=_(s.target_text))]
    if s.mode == MODE_CLIENT:
        lines.append(_("canaduck client command: {command}", command=s.client_cmd))
        lines.append(_("canaduck steps: {steps}; framing of the played server: {framing}; reply timeout {reply} s;"
                       " start timeout {start} s; a fresh client for each check", steps=steps,
                       framing=_(s.framing), reply=f"{s.reply_timeout:g}", start=f"{s.start_timeout:g}"))
        return lines
    if s.mode != MODE_TARGET:
        lines.append(_("canaduck command: {command}", command=s.server_command(s.steps[0])))
    disruptive = _("not run (--gentle)" if s.mode == MODE_TARGET and s.gentle else
                   "run last" if s.mode == MODE_TARGET else "run, each on a fresh server")
    lines.append(_("canaduck steps: {steps}; framing: {framing}; reply timeout {reply} s; start timeout {start} s;"
                   " quiet gap {gap} s; disruptive checks: {disruptive}", steps=steps, framing=_(s.framing),
                   reply=f"{s.reply_timeout:g}", start=f"{s.start_timeout:g}", gap=f"{s.quiet_gap:g}",
                   disruptive=disruptive))
    lines.append(_("canaduck seed: {seed} (--seed {seed} replays the probes generated from the grammar)", seed=s.seed))
    return lines


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session) -> None:
    """--target: meet the server once, before any worker starts (one clear error if it is absent).

    Steps 1-2 get their whole scenario here (their server may serve only this one client); later
    steps get a polite framing-detection session. Both are cached for the workers.
    """
    config = session.config
    settings = config.stash[SETTINGS_KEY]
    if _is_worker(config) and _suite_requested(config):
        name = WORKER_PID_FILE.format(name=config.workerinput.get("workerid", os.getpid()))
        (targets.shared_dir(config) / name).write_text(str(os.getpid()))
    if _is_worker(config) or config.option.collectonly:
        return
    _meet_the_program(config, settings)


def _meet_the_program(config, settings: Settings) -> None:
    if settings.mode == MODE_COMMAND:
        _try_starting(config, settings)
    if settings.mode == MODE_CLIENT:
        _try_starting_client(config, settings)
    if settings.mode != MODE_TARGET:
        return
    for step in settings.steps:
        if step in ONE_SHOT_STEPS:
            data = targets.cached_json(targets.shared_dir(config), f"scenario-{settings.key(step)}",
                                       lambda: run_scenario(step, settings.target, settings))
            problem = data.get("connect_error") or ""
        elif step == 4:
            continue
        else:
            profile, _ = targets.target_profile(config, settings, step)
            problem = profile.problem if profile.problem.startswith("cannot ") else ""
        if problem:
            message = translator(settings.lang)("nothing is listening at {address}: {problem}",
                                                address=format_address(settings.target),
                                                problem=translate_text(settings.lang, problem))
            results = config.stash[RESULTS_KEY]
            results.run_error = message
            if settings.results_json:
                results.write(settings.results_json)
            _write_screen(config, results, NOTHING_LISTENING_EXIT)    # no pytest_sessionfinish after this
            pytest.exit(message, returncode=NOTHING_LISTENING_EXIT)


def _try_starting(config, settings: Settings) -> None:
    """--server-cmd: start the server once before any check (and stop it). If it never listens
    (a syntax error, an empty file, a missing argument...), every check is reported "did not
    start" and the summary tells why once, traceback included; the exit code is its own."""
    for step in settings.steps:
        try:
            targets.Pool(settings).start(step).stop()
        except ServerDidNotStart as exc:
            config.stash[RESULTS_KEY].not_started = str(exc)
            (targets.shared_dir(config) / NOT_STARTED_FILE).write_text(str(exc), encoding="utf-8")
            return


def _try_starting_client(config, settings: Settings) -> None:
    """--client-cmd: start the client once before any check (``client_session.probe_start``); one
    that exits before it connects is "did not start" for every check, told once, exit code 6."""
    try:
        probe_start(settings, settings.steps[0])
    except ClientDidNotStart as exc:
        config.stash[RESULTS_KEY].not_started = str(exc)
        (targets.shared_dir(config) / NOT_STARTED_FILE).write_text(str(exc), encoding="utf-8")


def _not_started(config) -> str:
    """Why the server did not start ("" if it did), as found before the checks began."""
    if NOT_STARTED_KEY not in config.stash:
        path = targets.shared_dir(config) / NOT_STARTED_FILE
        config.stash[NOT_STARTED_KEY] = path.read_text(encoding="utf-8") if path.is_file() else ""
    return config.stash[NOT_STARTED_KEY]


def pytest_generate_tests(metafunc) -> None:
    """A check runs once per step; its id names its clause and step (``CMD-5-step6``), so that
    ``-k CMD-5``, ``--deselect`` and ``--collect-only -q`` speak in clauses."""
    clause_marker = metafunc.definition.get_closest_marker("clause")
    if clause_marker is not None and "step" in metafunc.fixturenames:
        marker = metafunc.definition.get_closest_marker("steps")
        if marker is None:
            raise pytest.UsageError(f"{metafunc.definition.nodeid}: a check taking 'step' needs @pytest.mark.steps")
        steps = list(marker.args)
        metafunc.parametrize("step", steps, ids=[f"{clause_marker.args[0]}-step{n}" for n in steps])


def pytest_collection_modifyitems(config, items) -> None:
    """Keep the checks of the selected steps and role only (a client run: the client checks; any
    other run: the server checks); with --target, the disruptive ones last."""
    settings = config.stash[SETTINGS_KEY]
    keep, drop = [], []
    for item in items:
        if not _is_check(item):
            keep.append(item)
            continue
        callspec = getattr(item, "callspec", None)
        step = callspec.params.get("step") if callspec is not None else None
        right_role = (item.get_closest_marker("client") is not None) == (settings.mode == MODE_CLIENT)
        (keep if right_role and (step is None or step in settings.steps) else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep
    if settings.mode == MODE_TARGET:
        items.sort(key=disruptive_last.order)


def pytest_collection_finish(session) -> None:
    settings = session.config.stash[SETTINGS_KEY]
    if settings.mode == MODE_TARGET:
        session.config.stash[BARRIER_KEY] = disruptive_last.Barrier(
            targets.shared_dir(session.config), session.items)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    check = item.stash.get(CHECK_KEY, None)
    if check is None:
        return
    barrier = item.config.stash.get(BARRIER_KEY, None)
    if report.failed:
        item.stash[FAILED_KEY] = True
    if barrier is not None and report.when == "call":
        blamed = disruptive_last.blamed_clause(check.clause.id, report.failed, check.skip_outcome == NOT_REACHED,
                                               check.message)
        if blamed is not None:
            barrier.record_failure(blamed, own=report.failed)
    if barrier is not None and report.when == "teardown":
        barrier.finished(item, check.clause.id, item.stash.get(FAILED_KEY, False))
    step = item.callspec.params.get("step") if hasattr(item, "callspec") else None
    info = {"clause": check.clause.id, "level": check.clause.level, "step": step,
            "message": check.message, "framing": check.framing,
            "start_error": item.stash.get(START_ERROR_KEY, None),
            "skipped_as": check.skip_outcome if report.skipped else None}
    if report.failed:
        info["transcript"] = check.transcript_text()
        info["server_output"] = check.server_output()
    report.user_properties.append((PROPERTY, info))


class _ResultsCollector:
    """Registered on the controller (or the only process): receives every report, workers' too."""

    def __init__(self, results: Results) -> None:
        self.results = results

    def pytest_runtest_logreport(self, report) -> None:
        self.results.add(report)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session) -> None:
    results = session.config.stash.get(RESULTS_KEY, None)
    settings = session.config.stash[SETTINGS_KEY]
    if results is None:
        return
    if _suite_requested(session.config):
        results.selected = session.testscollected
        if results.stopped is None:
            results.stopped = _why_stopped(session)
        results.still_answers = _still_answers(session.config, settings, results)
    if settings.results_json:
        results.write(settings.results_json)
    if results.not_started and session.exitstatus in (0, 1):
        session.exitstatus = DID_NOT_START_EXIT
    elif results.checks and results.partial() and session.exitstatus == 0:
        session.exitstatus = PARTIAL_EXIT
    _write_screen(session.config, results, int(session.exitstatus))


def _write_screen(config, results: Results, exitstatus: int) -> None:
    """What ``canaduck check``'s short report reads (``--canaduck-screen``; conformance.core.short_report)."""
    screen = config.getoption("canaduck_screen")
    config.stash[SCREEN_WRITTEN_KEY] = True
    if screen:
        data = {"exitstatus": exitstatus, "summary": results.summary_lines(), "results": results.as_json(),
                "lang": results.settings.lang, "not_started": results.not_started,
                "run_error": results.run_error, "partial": results.partial()}
        Path(screen).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def _still_answers(config, settings: Settings, results: Results):
    """--target, after the disruptive checks: does the server still serve a new client? A msgid
    for the summary, or None (not a target run, nothing disruptive ran, or a one-shot step)."""
    if settings.mode != MODE_TARGET or settings.gentle or not results.checks or results.run_error:
        return None
    steps = [step for step in settings.steps if step not in ONE_SHOT_STEPS and step != 4]
    if not steps:
        return None
    try:
        profile, detection = targets.target_profile(config, settings, steps[-1])
        check = Check("SEQ-1", settings.lang)
        under_test = targets.ServerUnderTest(steps[-1], settings, check, settings.target, profile, detection)
        ok, _ = under_test.still_serves("after the run: does the server still answer?")
    except BaseException:       # a check's skip, a lock: the question stays open
        return None
    return ("after the checks, the server still answers a new client" if ok else
            "after the checks, the server no longer answers a new client: it crashed or is stuck"
            " (restart it; it may be using a whole CPU core)")


def _why_stopped(session):
    """Why the run ended before its checks did (a msgid), or None: -x/--maxfail, Ctrl-C."""
    dsession = session.config.pluginmanager.getplugin("dsession")
    stop = str(getattr(dsession, "shouldstop", "") or session.shouldfail or session.shouldstop or "")
    if stop.startswith("stopping after"):
        return "stopped after a failure (-x or --maxfail)"
    if session.exitstatus == pytest.ExitCode.INTERRUPTED:
        return "interrupted (Ctrl-C)"
    return None


def pytest_terminal_summary(terminalreporter, config) -> None:
    results = config.stash.get(RESULTS_KEY, None)
    if results is None or not (results.checks or results.run_error):
        return
    terminalreporter.section("CanaDuck conformance")
    for line in results.summary_lines():
        terminalreporter.write_line(line)


# -- fixtures ----------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def settings(pytestconfig) -> Settings:
    return pytestconfig.stash[SETTINGS_KEY]


@pytest.fixture(scope="session")
def pool(settings):
    """This worker's servers (command and reference modes)."""
    servers = targets.Pool(settings)
    try:
        yield servers
    finally:
        servers.close()


@pytest.fixture
def check(request, settings) -> Check:
    """The verdict object of this check, bound to its ``@pytest.mark.clause``."""
    marker = request.node.get_closest_marker("clause")
    if marker is None:
        raise pytest.UsageError(f"{request.node.nodeid}: a check needs @pytest.mark.clause('ID')")
    verdict = Check(marker.args[0], settings.lang)
    request.node.stash[CHECK_KEY] = verdict
    return verdict


@pytest.fixture
def rng(request, settings):
    """This check's generator of probes from the spec's grammar: the run's ``--seed`` and the
    check's name (conformance.server_under_test.generated_probes.rng_for)."""
    return generated_probes.rng_for(settings.seed, request.node.name)


@pytest.fixture
def client_session(settings, pytestconfig, check, step):
    """A client check's session: a fresh client under test, the suite playing its server
    (conformance.client_session.ClientSession); the client is stopped when the check is over."""
    if settings.mode != MODE_CLIENT:
        raise pytest.UsageError("client checks run with --client-cmd")
    if _not_started(pytestconfig):
        check.did_not_start(_not_started(pytestconfig), "client did not start: {error}")
    session = ClientSession(settings, step, check)
    try:
        yield session
    finally:
        session.close()


def _start_failed(request, check: Check, error: Exception):
    request.node.stash[START_ERROR_KEY] = str(error)
    check.message = check._("server did not start: {error}", error=check.tr(str(error)))
    raise pytest.fail.Exception(check.message, pytrace=False) from None      # no chained traceback


@pytest.fixture
def server(request, settings, pytestconfig, check, step):
    """The server under test for this step (see conformance.target.ServerUnderTest)."""
    disruptive = request.node.get_closest_marker("disruptive") is not None
    if settings.mode == MODE_TARGET:
        if step == 4:
            check.not_run("step 4 needs the server's standard input for the operator's answers: use --server-cmd")
        if disruptive and settings.gentle:
            check.not_run("--gentle: the checks that may crash or freeze the server were left out")
        if disruptive and not pytestconfig.stash[BARRIER_KEY].wait_for_the_others(request.node, targets.LOCK_TIMEOUT):
            check.not_reached("the other checks did not finish in time: this one may crash the server")
        # One check at a time on the one server: a check sees its own clients only (a server that
        # sends to every connection gives the same verdict on every run).
        from filelock import FileLock
        lock = FileLock(str(targets.shared_dir(pytestconfig) / f"serve-{settings.key(step)}.lock"),
                        timeout=targets.LOCK_TIMEOUT)
        lock.acquire()
        try:
            profile, detection = targets.target_profile(pytestconfig, settings, step)
            under_test = targets.ServerUnderTest(step, settings, check, settings.target, profile, detection)
            disruptive_last.require_alive_after_failures(under_test, pytestconfig.stash[BARRIER_KEY])
            if disruptive:
                disruptive_last.require_alive(under_test, pytestconfig.stash[BARRIER_KEY])
                under_test.disrupts = True
            yield under_test
        finally:
            lock.release()
        return
    if _not_started(pytestconfig):
        check.did_not_start(_not_started(pytestconfig))
    pool = request.getfixturevalue("pool")
    fresh = disruptive or step == 4
    try:
        profile, detection = pool.profile(step)
        process = pool.fresh(step) if fresh else pool.shared(step)
    except ServerDidNotStart as exc:
        _start_failed(request, check, exc)
    under_test = targets.ServerUnderTest(step, settings, check, process.address, profile, detection, process,
                                         None if fresh else lambda: pool.replace_shared(step))
    try:
        yield under_test
    finally:
        if fresh:
            pool.stop_later(process)
        elif (request.node.stash.get(FAILED_KEY, False) or check.skip_outcome == NOT_REACHED
              or not under_test.process.alive()):
            pool.retire(step)       # a check that did not pass may leave it stuck (a frozen lock...)


@pytest.fixture
def scenario(request, settings, pytestconfig, check, step) -> Scenario:
    """Steps 1-2: a one-connection scripted session, read by the checks of those steps.

    --target: one run for all checks (the server may serve one client only), cached for all
    workers. Otherwise a fresh server per clause, its own exchanges first (``scenario.FOCUS``),
    unless the run in the default order showed nothing that a focused run could see differently
    (``answers_every_clause``).
    """
    directory = targets.shared_dir(pytestconfig)
    if settings.mode == MODE_TARGET:
        data = targets.cached_json(directory, f"scenario-{settings.key(step)}",
                                   lambda: run_scenario(step, settings.target, settings))
    else:
        if _not_started(pytestconfig):
            check.did_not_start(_not_started(pytestconfig))
        order = FOCUS.get(check.clause.id, DEFAULT_ORDER) if step == 2 else DEFAULT_ORDER
        pool = request.getfixturevalue("pool")

        known = directory / f"framing-{settings.key(step)}.json"

        def compute(order=order) -> dict:
            earlier = json.loads(known.read_text(encoding="utf-8")) if known.is_file() else None
            if earlier is not None and earlier["framing"] is None:    # no second 3-second wait
                return {"framing": None, "exchanges": {}, "stopped": earlier["problem"],
                        "problem": earlier["problem"], "transcript": ""}
            try:
                process = pool.start(step)
            except ServerDidNotStart as exc:
                return {"start_error": str(exc), "framing": None, "exchanges": {}, "stopped": str(exc)}
            try:
                result = run_scenario(step, process.address, settings, order,
                                      earlier["framing"] if earlier else None,
                                      earlier.get("lessons") if earlier else None)
            finally:
                process.stop()
            result["server_output"] = process.output_tail()
            if earlier is None:
                temporary = known.with_suffix(".tmp")
                temporary.write_text(json.dumps({"framing": result["framing"], "problem": result["problem"],
                                                  "lessons": result["lessons"]}))
                os.replace(str(temporary), str(known))
            return result

        def name(order) -> str:
            return "scenario-" + settings.key(step) + "-" + "-".join(o.replace(" ", "_") for o in order)

        data = None
        if order != DEFAULT_ORDER:
            data = targets.cached_json(directory, name(DEFAULT_ORDER), lambda: compute(DEFAULT_ORDER))
            if not answers_every_clause(data):
                data = None
        if data is None:
            data = targets.cached_json(directory, name(order), compute)
        if data.get("start_error"):
            _start_failed(request, check, ServerDidNotStart(data["start_error"]))
    check.framing = data.get("framing")
    check.attach_text(data.get("transcript", ""))
    output = data.get("server_output", "")
    check.server_output = lambda: output
    if data.get("framing") is None and check.clause.id != "FRAME-1" and not data.get("connect_error"):
        # in English: not_reached translates the whole text once (a French text translated
        # again lost its shape: "(voir FRAME-1)  : ...")
        check.not_reached(f"no framing found (see FRAME-1): "
                          f"{data.get('problem') or data.get('stopped')}")
    return Scenario(data)
