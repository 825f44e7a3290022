"""``canaduck check`` as a student types it, from their own folder: the server file, the suite's
options and any pytest option; checks selected by clause; messages in the locale's language;
``--server-cmd`` run in the caller's folder (or ``--server-cwd``)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Dict, List

import pytest

from conformance.cli import pytest_arguments, split_server
from conformance.core.settings import build_settings

REPO = Path(__file__).resolve().parent.parent
HELLO_EMPTY = REPO / "tests" / "catalogue" / "step1" / "empty_reply_hello1.py"    # fails HELLO-1 only
PSEUDO_CHECK = "conformance/checks/server/test_commands.py::test_pseudo_in_replies[CMD-5-step6]"
GENERATED_PSEUDO_CHECK = "conformance/checks/server/test_commands.py::test_generated_pseudo[CMD-5-step6]"


@pytest.mark.parametrize("args, server, rest", [
    (["server.py", "--step", "2", "-n", "4"], "server.py", ["--step", "2", "-n", "4"]),
    (["--step", "2", "-x", "etape_2/server.py"], "etape_2/server.py", ["--step", "2", "-x"]),
    (["--target", "10.0.0.5:63000", "--step", "6", "-k", "CMD-5"], None,
     ["--target", "10.0.0.5:63000", "--step", "6", "-k", "CMD-5"]),
    (["--step", "3", "-k", "test_echo.py", "--junitxml", "out.xml"], None,
     ["--step", "3", "-k", "test_echo.py", "--junitxml", "out.xml"]),
])
def test_the_server_file_is_told_from_pytest_options(args, server, rest):
    assert split_server(args) == (server, rest)


def test_a_lan_target_is_passed_on_and_parsed_never_contacted(tmp_path):
    argv = pytest_arguments(None, ["--target", "10.0.0.5:63000", "--step", "6"], str(tmp_path))
    assert argv[0] == str(REPO / "conformance") and argv[-4:] == ["--target", "10.0.0.5:63000", "--step", "6"]
    settings = build_settings(target="10.0.0.5:63000", server_cmd=None, steps=["6"], framing=None,
                              reply_timeout="2", start_timeout="10", quiet_gap="0.15",
                              gentle=False, results_json=None)
    assert settings.target == ("10.0.0.5", 63000) and settings.steps == (6,)


def _canaduck(args: List[str], cwd: Path, lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    env: Dict[str, str] = {k: v for k, v in os.environ.items()
                           if k not in ("PYTHONPATH", "PYTEST_ADDOPTS", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "conformance.cli", *args], cwd=str(cwd), env=env,
                          capture_output=True, text=True, timeout=240)


def test_from_any_folder_checks_are_selected_by_clause(tmp_path):
    """Collection only: the plugin's options work outside the kit, ids carry the clause, and
    ``--collect-only`` makes no connection (the target's port is closed anyway)."""
    one = _canaduck(["check", "--target", "127.0.0.1:9", "--step", "6", "--collect-only", "-q", "-k", "CMD-5"],
                    tmp_path)
    assert one.returncode == 0, one.stdout + one.stderr
    assert [line for line in one.stdout.splitlines() if "::" in line] == [PSEUDO_CHECK, GENERATED_PSEUDO_CHECK]
    rest = _canaduck(["check", "--target", "127.0.0.1:9", "--step", "6", "--collect-only", "-q",
                      "-k", "CMD", "--deselect", PSEUDO_CHECK], tmp_path)
    ids = [line for line in rest.stdout.splitlines() if "::" in line]
    assert len(ids) == 9 and PSEUDO_CHECK not in ids and all("[CMD-" in i for i in ids)


def test_in_french_a_failure_and_the_summary_quote_protocole_md(tmp_path):
    shutil.copy(HELLO_EMPTY, tmp_path / "server.py")
    run = _canaduck(["check", "server.py", "--step", "1", "-p", "no:cacheprovider"], tmp_path, "fr_FR.UTF-8")
    out = run.stdout
    assert run.returncode == 1, out + run.stderr
    assert "HELLO-1 [MUST] non respectée : Le client envoie" in out
    assert "clauses NON RESPECTÉES (1) : HELLO-1" in out
    # -v: pytest's full report, as before
    full = _canaduck(["check", "server.py", "--step", "1", "-p", "no:cacheprovider", "-v"], tmp_path, "fr_FR.UTF-8")
    assert "  clause : Le client envoie un message (`Bonjour serveur !`). Le serveur répond" in full.stdout
    assert "Unknown config option" not in full.stdout
    assert "clauses NON RESPECTÉES (1) : HELLO-1" in full.stdout
    assert "test_one_non_empty_reply[HELLO-1-step1]" in full.stdout


def test_server_cwd_chooses_the_folder_the_server_runs_in(tmp_path):
    shutil.copy(HELLO_EMPTY, tmp_path / "server.py")
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"
    run = subprocess.run([sys.executable, "-m", "pytest", "conformance", "-p", "no:cacheprovider",
                          "--server-cmd", f"{sys.executable} server.py", "--server-cwd", str(tmp_path),
                          "--step", "1", "--basetemp", str(tmp_path / "base")],
                         cwd=str(REPO), env=env, capture_output=True, text=True, timeout=240)
    assert "clauses FAILED (1): HELLO-1" in run.stdout, run.stdout[-3000:]
