"""junit/<student>.xml: pytest's own `--junitxml` output for that student, kept as it came."""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Optional
from ..hygiene import file_stem

FOLDER = "junit"


def write(student: str, xml: Optional[bytes], out: Path) -> Optional[Path]:
    """Store the suite's JUnit XML; None when the suite produced none (e.g. timed out)."""
    path = out / FOLDER / f"{file_stem(student)}.xml"
    if xml is None:
        path.unlink(missing_ok=True)  # a stale file from an earlier run would lie
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(xml)
    return path


def copy_from(student: str, source_out: Path, out: Path) -> Optional[Path]:
    """For --merge: bring a student's JUnit file from another output folder."""
    src = source_out / FOLDER / f"{file_stem(student)}.xml"
    if not src.is_file():
        return None
    dest = out / FOLDER / f"{file_stem(student)}.xml"
    dest.parent.mkdir(parents=True, exist_ok=True)
    if src.resolve() != dest.resolve():
        shutil.copyfile(src, dest)
    return dest
