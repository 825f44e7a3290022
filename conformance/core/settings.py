"""The suite's configuration: command-line options turned into one frozen ``Settings``.

Built once in ``pytest_configure``; every bad value raises ``pytest.UsageError`` naming the option,
so a teacher sees what to fix instead of a traceback from deep inside a check.
"""
from __future__ import annotations

import hashlib
import importlib.util
import math
import os
import shlex
from dataclasses import dataclass
from typing import Iterable, Optional, Sequence, Tuple

import pytest

from conformance.core.messages import LANGUAGES, default_language, translator

# A student's install of the kit has no reference server (setup.py, CANADUCK_DIST=student): the
# suite's default target, the bundled reference server, is then a usage error saying what to give.
NO_REFERENCE = ("this install of the kit has no reference server to check (a student's install): "
                "say which server to check, e.g. `canaduck check server.py --step 3`, "
                "--server-cmd 'python3 server.py' or --target HOST:PORT")

ALL_STEPS: Tuple[int, ...] = (1, 2, 3, 4, 5, 6, 7, 8)
ONE_SHOT_STEPS = (1, 2)          # GEN-3: may serve one client, then exit
FRAMINGS = ("auto", "raw", "line")

# pytest options for tools that run the suite as a program (grader, catalogue, tests): a faster
# start, the same checks. The suite needs neither the hypothesis plugin (installed with the kit's
# own tests, it imports hypothesis in every run) nor assertion rewriting (checks report through
# ``Check``, not ``assert``).
QUICK_START_ARGS: Tuple[str, ...] = ("-p", "no:hypothesispytest", "--assert=plain")

MODE_TARGET = "target"
MODE_COMMAND = "command"
MODE_REFERENCE = "reference"
MODE_CLIENT = "client"           # --client-cmd: the suite plays the server for a client under test
ROLE_SERVER = "server"
ROLE_CLIENT = "client"
CLIENT_FRAMINGS = ("raw", "line")   # a client speaks the framing of the server it is written for


@dataclass(frozen=True)
class Settings:
    """Everything the checks need to know about the run, read-only."""

    mode: str                                 # target | command | reference | client
    target: Optional[Tuple[str, int]]         # --target, parsed
    server_cmd: Optional[str]                 # --server-cmd, verbatim ({port} not yet replaced)
    steps: Tuple[int, ...]
    framing: str                              # auto | raw | line (what the suite expects)
    reply_timeout: float
    start_timeout: float
    quiet_gap: float
    gentle: bool                              # --gentle: leave out the checks that may crash or freeze it
    results_json: Optional[str]
    server_cwd: Optional[str] = None          # the folder --server-cmd runs in (absolute; None: ours)
    lang: str = "en"                          # messages and clause quotes: en | fr (conformance.core.messages)
    client_cmd: Optional[str] = None          # --client-cmd, verbatim ({port} not yet replaced)
    client_cwd: Optional[str] = None          # the folder --client-cmd runs in (absolute; None: ours)

    @property
    def role(self) -> str:
        """What is under test: a server (every mode but one) or a client (--client-cmd)."""
        return ROLE_CLIENT if self.mode == MODE_CLIENT else ROLE_SERVER

    @property
    def target_text(self) -> str:
        """The target as the user would write it (or a description of the launched server)."""
        if self.target is not None:
            return format_address(self.target)
        if self.mode == MODE_COMMAND:
            return "server started by the suite (--server-cmd)"
        if self.mode == MODE_CLIENT:
            return "client started by the suite (--client-cmd), the suite playing the server"
        return "bundled reference server (reference_impl)"

    @property
    def reference_framing(self) -> str:
        """The framing the bundled reference server is started with (default mode)."""
        return "line" if self.framing == "line" else "raw"

    def server_command(self, step: int) -> str:
        """The command that starts the server for a step ({port} still in it)."""
        if self.mode == MODE_COMMAND:
            assert self.server_cmd is not None
            return self.server_cmd
        import sys
        return (f"{shlex.quote(sys.executable)} -m reference_impl --step {step} --host 127.0.0.1"
                f" --port {{port}} --framing {self.reference_framing}")

    @property
    def command_text(self) -> Optional[str]:
        """The command under test as given (--server-cmd or --client-cmd), None for --target and
        the bundled reference."""
        return self.client_cmd if self.mode == MODE_CLIENT else self.server_cmd

    def key(self, step: int) -> str:
        """A file-name-safe key for per-target caches and locks."""
        if self.target is not None:
            base = f"{self.target[0]}_{self.target[1]}"
        else:
            command = self.client_cmd if self.mode == MODE_CLIENT else self.server_command(step)
            cwd = self.client_cwd if self.mode == MODE_CLIENT else self.server_cwd
            digest = hashlib.sha1(f"{cwd}\0{command}".encode()).hexdigest()[:12]
            base = f"{self.mode}_{digest}"
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in f"{base}_step{step}")


def format_address(address: Tuple[str, int]) -> str:
    host, port = address
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def parse_target(value: str) -> Tuple[str, int]:
    """``127.0.0.1:63000``, ``[::1]:63000`` or ``localhost:63000`` → (host, port)."""
    text = value.strip()
    if text.startswith("["):
        host, sep, rest = text[1:].partition("]")
        if not sep or not rest.startswith(":"):
            raise pytest.UsageError(f"--target {value!r}: write an IPv6 address as [::1]:PORT")
        port_text = rest[1:]
    else:
        host, sep, port_text = text.rpartition(":")
        if not sep or not host or ":" in host:
            raise pytest.UsageError(f"--target {value!r}: expected HOST:PORT, e.g. 127.0.0.1:63000")
    if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
        raise pytest.UsageError(f"--target {value!r}: the port must be a number from 1 to 65535")
    return host, int(port_text)


def parse_steps(values: Optional[Iterable[str]]) -> Tuple[int, ...]:
    """``--step 3 6`` and ``--step 3 --step 6`` (also ``3,6``) → (3, 6); () if not given."""
    steps = set()
    for value in values or ():
        for part in str(value).replace(",", " ").split():
            if not part.isdigit() or int(part) not in ALL_STEPS:
                raise pytest.UsageError(f"--step {part!r}: steps are numbers from 1 to 8")
            steps.add(int(part))
    return tuple(sorted(steps))


def parse_seconds(option: str, value: object, minimum: float = 0.01) -> float:
    """A positive number of seconds, or a UsageError naming the option."""
    try:
        seconds = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise pytest.UsageError(f"{option} {value!r}: expected a number of seconds") from None
    if not math.isfinite(seconds) or seconds < minimum:
        raise pytest.UsageError(f"{option} {value!r}: expected at least {minimum} seconds")
    return seconds


def build_settings(*, target: Optional[str], server_cmd: Optional[str], steps: Sequence[str],
                   framing: Optional[str], reply_timeout: object, start_timeout: object,
                   quiet_gap: object, gentle: bool,
                   results_json: Optional[str], server_cwd: Optional[str] = None,
                   lang: Optional[str] = None, client_cmd: Optional[str] = None,
                   client_cwd: Optional[str] = None) -> Settings:
    """Check the raw option values and freeze them."""
    if target is not None and server_cmd is not None:
        raise pytest.UsageError("--target and --server-cmd are exclusive: give one of them")
    if client_cmd is not None and (target is not None or server_cmd is not None):
        raise pytest.UsageError("--client-cmd checks a client, --target and --server-cmd a server: give one of them")
    parsed_target = parse_target(target) if target is not None else None
    for option, command in (("--server-cmd", server_cmd), ("--client-cmd", client_cmd)):
        if command is not None and not command.strip():
            raise pytest.UsageError(f"{option} '': the command is empty")
        try:
            shlex.split(command or "")
        except ValueError as exc:
            raise pytest.UsageError(f"{option} {command!r}: {exc}") from None
    mode = (MODE_TARGET if parsed_target else MODE_COMMAND if server_cmd else MODE_CLIENT if client_cmd
            else MODE_REFERENCE)
    if mode == MODE_REFERENCE and importlib.util.find_spec("reference_impl") is None:
        raise pytest.UsageError(translator(parse_lang(lang))(NO_REFERENCE))
    parsed_steps = parse_steps(steps)
    if not parsed_steps:
        if mode != MODE_REFERENCE:
            option = {MODE_TARGET: "--target", MODE_COMMAND: "--server-cmd"}.get(mode, "--client-cmd")
            raise pytest.UsageError(
                f"--step is required with {option}:"
                f" say which step (1-8) the {'client' if mode == MODE_CLIENT else 'server'} implements,"
                " e.g. --step 3")
        parsed_steps = ALL_STEPS
    if framing is not None and framing not in FRAMINGS:
        raise pytest.UsageError(f"--framing {framing!r}: choose auto, raw or line")
    if mode == MODE_CLIENT and framing not in (None,) + CLIENT_FRAMINGS:
        raise pytest.UsageError(f"--framing {framing!r} with --client-cmd: say the framing of the server the"
                                " client is written for, raw (the handout's, default) or line")
    if framing is None:
        framing = "raw" if mode in (MODE_REFERENCE, MODE_CLIENT) else "auto"
    return Settings(
        mode=mode, target=parsed_target, server_cmd=server_cmd, steps=parsed_steps,
        framing=framing,
        reply_timeout=parse_seconds("--reply-timeout", reply_timeout, 0.1),
        start_timeout=parse_seconds("--start-timeout", start_timeout, 0.1),
        quiet_gap=parse_seconds("--quiet-gap", quiet_gap, 0.01),
        gentle=bool(gentle), results_json=results_json,
        server_cwd=parse_server_cwd(server_cwd), lang=parse_lang(lang),
        client_cmd=client_cmd, client_cwd=parse_server_cwd(client_cwd, "--client-cwd"))


def parse_server_cwd(value: Optional[str], option: str = "--server-cwd") -> Optional[str]:
    """--server-cwd (or --client-cwd): an existing folder, made absolute (xdist workers get the
    controller's value)."""
    if value is None:
        return None
    folder = os.path.abspath(value)
    if not os.path.isdir(folder):
        raise pytest.UsageError(f"{option} {value!r}: not a folder")
    return folder


def parse_lang(value: Optional[str]) -> str:
    """--lang fr|en; not given: the locale's language (conformance.messages.default_language)."""
    if value is None:
        return default_language()
    if value not in LANGUAGES:
        raise pytest.UsageError(f"--lang {value!r}: choose one of {', '.join(LANGUAGES)}")
    return value
