"""`python -m tools.student_kit --out DIR`: the students' copy of the kit, to hand out.

It holds what a student needs to check their own programs: the spec, the conformance suite and
the build files; not the reference server (the model answer to every step) nor the teachers'
tools (the grader). `pip install ./DIR` then builds the student's distribution (setup.py: a
folder without reference_impl/ builds it), and `canaduck check server.py --step N` works as in
the kit's README. The same distribution as a wheel, from the kit itself:
`CANADUCK_DIST=student pip wheel --no-deps -w dist .`.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import List, Optional

REPO_ROOT = Path(__file__).resolve().parent.parent
# What the students' copy holds, relative to the kit's root.
STUDENT_FILES = ("pyproject.toml", "setup.py", "README.md", "spec", "conformance")


def write(out: Path) -> Path:
    """`out` (new, or emptied of a previous copy) with the students' files."""
    if out.exists():
        if not (out / "conformance").is_dir():
            raise ValueError(f"{out} exists and is not a students' copy of the kit: give a new folder")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for name in STUDENT_FILES:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, out / name, ignore=shutil.ignore_patterns(
                "__pycache__", "*.pyc", "*.egg-info"))
        elif source.is_file():
            shutil.copyfile(source, out / name)
    return out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.student_kit", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True, help="the folder to write")
    args = parser.parse_args(argv)
    try:
        path = write(args.out)
    except ValueError as exc:
        parser.error(str(exc))
    print(f"the students' copy of the kit: {path} (students: pip install ./{path.name})",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
