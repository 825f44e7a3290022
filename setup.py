"""Build steps pyproject.toml cannot say: which packages (two distributions of one repository),
and the spec shipped inside the conformance package.

- The kit's install (teachers, the kit's developers: `pip install -e '.[test]'`) holds everything:
  the suite, the reference server (`reference_impl`, the model answer to every step) and the
  teachers' tools (`tools`, the grader).
- A student's install holds the spec and the suite only: no model answer, no grader. It is built
  when CANADUCK_DIST=student is set (`CANADUCK_DIST=student pip wheel --no-deps -w dist .`), or
  from a folder without reference_impl/ (the students' copy, `python -m tools.student_kit`).
  Its `canaduck check` without a server to check says what to give (conformance/core/settings.py).

The suite quotes the spec (conformance/clauses.py). A checkout reads spec/ in place; a wheel has
no spec/ folder, so the build copies spec/*.md to conformance/spec/ in the wheel, where
clauses.py looks next.
"""
import os
import shutil
from pathlib import Path

from setuptools import find_namespace_packages, setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
SPEC_DIR = ROOT / "spec"
STUDENT = (os.environ.get("CANADUCK_DIST", "").strip().lower() == "student"
           or not (ROOT / "reference_impl").is_dir())
PACKAGES = ["conformance", "conformance.*"] + ([] if STUDENT else [
    "reference_impl", "reference_impl.*", "tools", "tools.*"])
SCRIPTS = ["canaduck = conformance.cli:main"] + ([] if STUDENT else [
    "canaduck-server = reference_impl.__main__:main",
    "canaduck-grade = tools.grade.__main__:main"])


class BuildWithSpec(build_py):
    def run(self) -> None:
        if STUDENT:  # an earlier build of the kit's install may have left them in build/
            for package in ("reference_impl", "tools"):
                shutil.rmtree(Path(self.build_lib) / package, ignore_errors=True)
        super().run()
        target = Path(self.build_lib) / "conformance" / "spec"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(SPEC_DIR.glob("*.md")):
            self.copy_file(str(source), str(target / source.name))


setup(
    packages=find_namespace_packages(where=str(ROOT), include=PACKAGES),
    entry_points={
        "console_scripts": SCRIPTS,
        # The conformance suite is a pytest plugin wherever the kit is installed (its options,
        # fixtures and markers); it acts on conformance checks only (conformance/plugin.py).
        "pytest11": ["canaduck = conformance.plugin"],
    },
    cmdclass={"build_py": BuildWithSpec},
)
