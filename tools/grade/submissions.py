"""Finding the students' folders and fingerprinting what is in them.

A fingerprint covers everything a grade depends on (the student's files, the step, the points, the
suite and sandbox versions, the limits), so a re-run can skip a submission whose fingerprint is
unchanged and never reuse a stale grade.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Iterable, List

from .spec_clauses import REPO_ROOT

SERVER_FILE = "server.py"
_SKIPPED_DIRS = {"__pycache__", ".git", ".venv", "venv", ".mypy_cache", ".pytest_cache"}


def discover(submissions_dir: Path) -> List[Path]:
    """One folder per student, sorted by name; hidden folders are ignored."""
    return sorted(p for p in Path(submissions_dir).iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def submission_files(folder: Path) -> List[Path]:
    """The student's files, in a stable order, without caches and VCS folders."""
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIPPED_DIRS)
        files.extend(Path(root) / n for n in sorted(names) if not n.endswith(".pyc"))
    return files


def _hash_files(digest: "hashlib._Hash", base: Path, files: Iterable[Path]) -> None:
    for f in files:
        digest.update(str(f.relative_to(base)).encode("utf-8", "surrogateescape") + b"\0")
        if f.is_symlink():
            digest.update(b"link:" + os.readlink(f).encode("utf-8", "surrogateescape"))
        elif f.is_file():
            digest.update(f.read_bytes())
        digest.update(b"\0")


def suite_version() -> str:
    """Hash of the suite, the spec and the sandbox: a new suite re-grades everyone."""
    digest = hashlib.sha256()
    parts = [REPO_ROOT / "conformance", REPO_ROOT / "spec"]
    for part in parts:
        if part.is_dir():
            _hash_files(digest, REPO_ROOT, [f for f in submission_files(part)
                                            if f.suffix in (".py", ".md", ".toml")])
    _hash_files(digest, REPO_ROOT, [Path(__file__).with_name("sandbox.py")])
    return digest.hexdigest()[:16]


def fingerprint(folder: Path, *settings: str) -> str:
    digest = hashlib.sha256()
    _hash_files(digest, folder, submission_files(folder))
    for s in settings:
        digest.update(s.encode() + b"\0")
    return digest.hexdigest()
