"""A whole-lab run split across machines by student (`--shard K/N`) and merged back (`--merge` of
the lab outputs) equals the same lab graded in one run: the lab's grades.csv and every step's.

Three students, steps 1-2 (one with a client for step 1, one with a faulty step 2, one without
step 2), graded once in one run and once in two shards; `--jobs 2` each.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.grade_helpers import CATALOGUE, leftovers, subreaper

pytestmark = pytest.mark.grader  # runs the real grader: one test at a time (README, .ci/run)

REPO = Path(__file__).resolve().parent.parent
LIMITS = ("--start-timeout", "20", "--reply-timeout", "5", "--timeout", "240")
CLASS = {"ana/server.py": "step1/raw_oneshot_ok.py", "ana/server2.py": "step2/raw_handout_ok.py",
         "ana/client.py": "step1/client_handout_ok.py",
         "ben/server.py": "step1/no_close_hello2.py", "ben/server2.py": "step2/echo_prefix_echo1.py",
         "chloe/server.py": "step1/raw_oneshot_ok.py"}


def _grade(*argv: str) -> None:
    with subreaper():
        run = subprocess.run([sys.executable, "-m", "tools.grade", *argv, "--jobs", "2"],
                             cwd=str(REPO), capture_output=True, text=True, timeout=600,
                             stdin=subprocess.DEVNULL)
    assert run.returncode == 0, run.stderr[-3000:]


def _csv(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def test_a_lab_in_two_shards_merged_equals_one_run(tmp_path):
    klass = tmp_path / "class"
    for target, source in CLASS.items():
        (klass / target).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(CATALOGUE / source, klass / target)
    lab = (str(klass), "--steps", "1-2", *LIMITS)
    _grade(*lab, "--out", str(tmp_path / "one"))
    for k in (1, 2):
        _grade(*lab, "--shard", f"{k}/2", "--out", str(tmp_path / f"shard{k}"))
    shard_rows = [_csv(tmp_path / f"shard{k}" / "grades.csv").count("\n") - 1 for k in (1, 2)]
    assert shard_rows == [2, 1]  # ana and chloe, then ben
    _grade("--merge", str(tmp_path / "shard1"), str(tmp_path / "shard2"),
           "--out", str(tmp_path / "merged"))
    one, merged = tmp_path / "one", tmp_path / "merged"
    assert _csv(merged / "grades.csv") == _csv(one / "grades.csv")
    for part in ("step1", "step1/client", "step2"):
        assert _csv(merged / part / "grades.csv") == _csv(one / part / "grades.csv"), part
    assert sorted(p.name for p in (merged / "feedback").iterdir()) == \
        sorted(p.name for p in (one / "feedback").iterdir())
    assert leftovers(klass) == []
