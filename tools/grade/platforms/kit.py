"""What every platform package carries: the kit as a wheel, optionally its dependencies' wheels
(so that installing needs no network), and the grading settings baked in at generation time.

The wheel is built by pip (`pip wheel --no-deps`), without build isolation when setuptools and
wheel are already installed (no index needed), with it otherwise. Dependencies come from
`pip download` for the engine's Python version, or from a folder of wheels the teacher gives.
"""
from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import List, Optional

from ..spec_clauses import REPO_ROOT

SETTINGS_FILE = "canaduck-grading.json"
# What the kit needs at run time: pyproject.toml's dependencies, and what pytest needs on Python
# 3.9 and 3.10, without markers: pip evaluates a marker given on its command line against its own
# interpreter, not the engine's, and a wheel the engine does not need is never installed.
DEPENDENCIES = ["pytest>=7.4", "pytest-xdist>=3.3", "pytest-timeout>=2.2", "filelock>=3.12",
                "tomli>=2.0", "exceptiongroup>=1.0"]


class PackagingError(RuntimeError):
    """Building a package failed; the message says which command and why."""


@dataclass
class GradingSettings:
    """The grading a package does, fixed when it is generated (the engine passes no options)."""

    steps: List[int]
    layout: str = ""             # pattern or "" (detected); a TOML map is inlined as `mapping`
    mapping: List[List] = field(default_factory=list)  # [[step, path], ...] from a TOML layout
    client_mapping: List[List] = field(default_factory=list)  # its [client] table
    clients: str = "auto"        # --clients: auto, required, off (tools/grade/README.md)
    server_file: str = "server.py"
    points: Optional[dict] = None  # {"levels": {...}, "clauses": {...}} or None (defaults)
    timeout: float = 300.0       # wall-clock seconds per step's suite run
    start_timeout: float = 10.0
    reply_timeout: float = 2.0
    lang: str = "en"             # the feedback's language (conformance.core.messages)
    budget: float = 0.0          # wall-clock seconds for one submission, all steps (0: none)

    def dump(self, path: Path) -> Path:
        path.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        return path

    @classmethod
    def load(cls, path: Path) -> "GradingSettings":
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


def _run(argv: List[str], what: str) -> None:
    proc = subprocess.run(argv, capture_output=True, text=True, stdin=subprocess.DEVNULL,
                          timeout=600)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).splitlines()[-15:])
        raise PackagingError(f"{what} failed ({' '.join(argv)}):\n{tail}")


def build_wheel(dest: Path) -> Path:
    """The kit's wheel in `dest`, built from this checkout."""
    dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="canaduck-wheel-") as tmp:
        argv = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp]
        if importlib.util.find_spec("setuptools") and importlib.util.find_spec("wheel"):
            argv.append("--no-build-isolation")
        # Build from a copy: the build writes build/ and *.egg-info next to the sources.
        src = Path(tmp) / "src"
        shutil.copytree(REPO_ROOT, src, ignore=shutil.ignore_patterns(
            ".git", ".venv*", "build", "*.egg-info", "__pycache__", "grades", "tests"))
        _run(argv + [str(src)], "building the kit's wheel")
        wheels = sorted(Path(tmp).glob("canaduck_kit-*.whl"))
        if not wheels:
            raise PackagingError("building the kit's wheel produced no canaduck_kit-*.whl")
        target = dest / wheels[0].name
        shutil.copyfile(wheels[0], target)
        return target


def dependency_wheels(dest: Path, source: Optional[Path], python_version: str) -> List[Path]:
    """The dependencies' wheels in `dest`: copied from `source`, or downloaded by pip for
    `python_version` (e.g. "3.10", the engine's python3)."""
    dest.mkdir(parents=True, exist_ok=True)
    if source is not None:
        found = sorted(Path(source).glob("*.whl"))
        if not found:
            raise PackagingError(f"--deps-wheels {source}: no .whl file in that folder")
        for whl in found:
            shutil.copyfile(whl, dest / whl.name)
    else:
        _run([sys.executable, "-m", "pip", "download", "-q", "--only-binary=:all:",
              "--python-version", python_version, "-d", str(dest), *DEPENDENCIES],
             "downloading the dependencies' wheels (give --deps-wheels DIR or --no-deps-wheels "
             "where there is no package index)")
    return sorted(dest.glob("*.whl"))
