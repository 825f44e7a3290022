"""Build step pyproject.toml cannot say: ship spec/ inside the conformance package.

The suite quotes the spec (conformance/clauses.py). A checkout reads spec/ in place; a wheel has no
spec/ folder, so the build copies spec/*.md to conformance/spec/ in the wheel, where clauses.py
looks next.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

SPEC_DIR = Path(__file__).resolve().parent / "spec"


class BuildWithSpec(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "conformance" / "spec"
        target.mkdir(parents=True, exist_ok=True)
        for source in sorted(SPEC_DIR.glob("*.md")):
            self.copy_file(str(source), str(target / source.name))


setup(cmdclass={"build_py": BuildWithSpec})
