"""autograder.zip for Gradescope: `python -m tools.grade.platforms gradescope --steps 1-8 --out DIR`.

Gradescope unpacks the zip into /autograder/source and runs `setup.sh` once, when it builds the
image; then, for each submission, /autograder/run_autograder (a copy of ours) with the student's
files in /autograder/submission, and reads /autograder/results/results.json.

- setup.sh makes a virtual environment in /autograder/venv and installs the kit's wheel from the
  zip, with `--no-index` when the dependencies' wheels are in the zip too (nothing downloaded),
  from the package index otherwise (Gradescope's image build has network);
- run_autograder runs `python -m tools.grade.platforms run gradescope` with the settings baked
  into the zip (canaduck-grading.json). CANADUCK_GRADESCOPE_ROOT (default /autograder) and
  CANADUCK_VENV (default $ROOT/venv) let a test run both in a temporary folder.
"""
from __future__ import annotations

import os
import stat
import tempfile
import zipfile
from pathlib import Path
from typing import Optional

from .kit import SETTINGS_FILE, GradingSettings, build_wheel, dependency_wheels

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
ROOT="${CANADUCK_GRADESCOPE_ROOT:-/autograder}"
HERE="$ROOT/source"
VENV="${CANADUCK_VENV:-$ROOT/venv}"
python3 -m venv "$VENV"
if ls "$HERE"/wheels/deps/*.whl >/dev/null 2>&1; then
  "$VENV/bin/pip" install -q --no-index --find-links "$HERE/wheels/deps" "$HERE"/wheels/canaduck_kit-*.whl
else
  "$VENV/bin/pip" install -q "$HERE"/wheels/canaduck_kit-*.whl
fi
# bubblewrap confines each student's server further where the container allows namespaces; the
# grader works without it (the container is then the box: tools/grade/isolation.py).
if command -v apt-get >/dev/null && ! command -v bwrap >/dev/null; then
  { apt-get update -qq && apt-get install -y -qq bubblewrap; } >/dev/null 2>&1 \
    || echo "bubblewrap not installed: grading without it"
fi
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for each submission (/autograder/submission -> /autograder/results).
set -uo pipefail
ROOT="${CANADUCK_GRADESCOPE_ROOT:-/autograder}"
VENV="${CANADUCK_VENV:-$ROOT/venv}"
mkdir -p "$ROOT/results"
cd "$ROOT"
exec "$VENV/bin/python" -m tools.grade.platforms run gradescope --root "$ROOT" \\
  --settings "$ROOT/source/%s"
""" % SETTINGS_FILE


def _add(zf: zipfile.ZipFile, name: str, data: bytes, executable: bool = False) -> None:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.external_attr = ((0o755 if executable else 0o644) | stat.S_IFREG) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def build(settings: GradingSettings, out: Path, deps_from: Optional[Path], vendor_deps: bool,
          python_version: str) -> Path:
    """out/autograder.zip (setup.sh and run_autograder at the root, as Gradescope wants)."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "autograder.zip"
    with tempfile.TemporaryDirectory(prefix="canaduck-gradescope-") as tmp:
        wheel = build_wheel(Path(tmp))
        deps = dependency_wheels(Path(tmp) / "deps", deps_from, python_version) \
            if vendor_deps else []
        settings_file = settings.dump(Path(tmp) / SETTINGS_FILE)
        with zipfile.ZipFile(target, "w") as zf:
            _add(zf, "setup.sh", SETUP_SH.encode(), executable=True)
            _add(zf, "run_autograder", RUN_AUTOGRADER.encode(), executable=True)
            _add(zf, SETTINGS_FILE, settings_file.read_bytes())
            _add(zf, f"wheels/{wheel.name}", wheel.read_bytes())
            for dep in deps:
                _add(zf, f"wheels/deps/{dep.name}", dep.read_bytes())
    os.chmod(target, 0o644)
    return target
