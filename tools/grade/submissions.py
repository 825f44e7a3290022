"""Finding the students' folders, reading what is in them without trusting it, and copying it.

A student's folder is hostile input read by root: links anywhere (a step folder linking to `..` or
to a classmate), a tree thousands of folders deep, a 40 GiB sparse file, fifos, devices, unreadable
files, names of any bytes. So every walk here is iterative and bounded (depth, entries, path
length), looks at each entry with lstat before anything else, never follows a link, and never reads
more of a file than the size limit. What is refused is not copied and is said to the student in
one line per cause (`Tree.refusal`), never as a grader error that names machine paths.

A fingerprint covers everything a grade depends on (the student's files, the step, the points, the
suite and sandbox versions, the limits), so a re-run can skip a submission whose fingerprint is
unchanged and never reuse a stale grade.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Dict, List, Optional

from conformance.core.messages import ENGLISH, translator

from .hygiene import clean_text
from .spec_clauses import REPO_ROOT

SERVER_FILE = "server.py"
_SKIPPED_DIRS = {"__pycache__", ".git", ".venv", "venv", ".mypy_cache", ".pytest_cache"}
MAX_DEPTH = 32          # folders below the student's folder
MAX_ENTRIES = 10_000    # files, folders and links of one submission
MAX_PATH = 1024         # bytes of a path relative to the student's folder
_CHUNK = 1 << 20
_OPEN = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)

# Why an entry was not read or copied (message ids: English, French in conformance.messages_fr).
SPECIAL = "not regular files (named pipes, devices or sockets), not copied: {names}"
TOO_DEEP = "folders deeper than {depth} levels, not copied: {names}"
TOO_BIG = "files over the {limit} size limit, not copied: {names}"
OVER_DISK = "files beyond the {limit} disk limit of the whole submission, not copied: {names}"
UNREADABLE = "files or folders the grader cannot read, not copied: {names}"
TOO_MANY = "more than {count} files and folders, the rest not copied: {names}"
TOO_LONG = "paths longer than {length} bytes, not copied: {names}"
REFUSED_INTRO = "the grader refused part of your folder: {causes}"


@dataclass(frozen=True)
class Entry:
    """One thing in a student's folder, as lstat saw it."""

    rel: str          # relative path (undecodable bytes as surrogate escapes)
    kind: str         # "dir", "file" or "link"
    size: int = 0
    mode: int = 0
    target: str = ""  # a link's text (never followed)


@dataclass
class Tree:
    """What of a student's folder may be read and copied, and what was refused, by cause."""

    entries: List[Entry] = field(default_factory=list)
    refused: Dict[str, List[str]] = field(default_factory=dict)  # message id -> paths

    def refuse(self, cause: str, rel: str) -> None:
        self.refused.setdefault(cause, []).append(rel)

    def refusal(self, limit: str = "", lang: str = ENGLISH) -> str:
        """One line for the student: each cause once, with a few of its paths (escaped)."""
        if not self.refused:
            return ""
        _ = translator(lang)
        causes = []
        for cause, rels in self.refused.items():
            shown = [_shown(r) for r in rels[:3]] + ([f"(+{len(rels) - 3})"] if len(rels) > 3
                                                     else [])
            causes.append(_(cause, names=", ".join(shown), depth=MAX_DEPTH, limit=limit,
                            count=MAX_ENTRIES, length=MAX_PATH))
        return _(REFUSED_INTRO, causes="; ".join(causes))


def _shown(rel: str) -> str:
    text = clean_text(rel)
    return text if len(text) <= 60 else text[:40] + "..." + text[-17:]


def discover(submissions_dir: Path) -> List[Path]:
    """One folder per student, sorted by name; hidden folders are ignored."""
    return sorted(p for p in Path(submissions_dir).iterdir()
                  if p.is_dir() and not p.name.startswith("."))


def regular_file(folder: Path, rel: str) -> bool:
    """True when `rel` in `folder` is a regular file reached through real folders only: a link
    anywhere on the way (`etape_3 -> ..`, `etape_3 -> ../classmate`) is not followed."""
    path = Path(folder)
    parts = PurePosixPath(rel).parts
    if not parts or ".." in parts or PurePosixPath(rel).is_absolute():
        return False
    for i, part in enumerate(parts):
        path = path / part
        try:
            mode = os.lstat(path).st_mode
        except (OSError, ValueError):
            return False
        if not (stat.S_ISREG(mode) if i == len(parts) - 1 else stat.S_ISDIR(mode)):
            return False
    return True


def scan(folder: Path, max_file: int, max_total: Optional[int] = None) -> Tree:
    """The student's files, folders and links in a stable order (a folder before what it holds),
    without caches and VCS folders; iterative, bounded, lstat only, nothing followed."""
    tree = Tree()
    total, count = 0, 0
    pending = [("", 0)]
    while pending:
        rel, depth = pending.pop()
        try:
            with os.scandir(os.path.join(folder, rel) if rel else folder) as it:
                children = sorted(it, key=lambda e: e.name)
        except OSError:
            tree.refuse(UNREADABLE, rel or ".")
            continue
        for child in children:
            sub = f"{rel}/{child.name}" if rel else child.name
            if child.name in _SKIPPED_DIRS or child.name.endswith(".pyc"):
                continue
            count += 1
            if count > MAX_ENTRIES:
                tree.refuse(TOO_MANY, sub)
                continue
            if len(os.fsencode(sub)) > MAX_PATH:
                tree.refuse(TOO_LONG, sub)
                continue
            try:
                st = child.stat(follow_symlinks=False)
            except OSError:
                tree.refuse(UNREADABLE, sub)
                continue
            if stat.S_ISLNK(st.st_mode):
                try:
                    tree.entries.append(Entry(sub, "link", target=os.readlink(child.path)))
                except OSError:
                    tree.refuse(UNREADABLE, sub)
            elif stat.S_ISDIR(st.st_mode):
                if depth + 1 >= MAX_DEPTH:
                    tree.refuse(TOO_DEEP, sub)
                    continue
                tree.entries.append(Entry(sub, "dir", mode=st.st_mode))
                pending.append((sub, depth + 1))
            elif not stat.S_ISREG(st.st_mode):
                tree.refuse(SPECIAL, sub)
            elif st.st_size > max_file:  # apparent size: a sparse file is refused, not read
                tree.refuse(TOO_BIG, sub)
            elif max_total is not None and total + st.st_size > max_total:
                tree.refuse(OVER_DISK, sub)
            else:
                total += st.st_size
                tree.entries.append(Entry(sub, "file", st.st_size, st.st_mode))
    return tree


def _open_regular(path: str) -> int:
    """A file descriptor on `path` if it is still a regular file (no link, no fifo: O_NONBLOCK so
    that opening a fifo swapped in never blocks)."""
    fd = os.open(path, _OPEN)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"not a regular file: {path}")
    return fd


def _chunks(fd: int, limit: int):
    left = limit
    while left > 0:
        data = os.read(fd, min(_CHUNK, left))
        if not data:
            return
        left -= len(data)
        yield data


def _hash_tree(digest: "hashlib._Hash", folder: Path, tree: Tree, max_file: int) -> None:
    for e in tree.entries:
        digest.update(os.fsencode(e.rel) + b"\0" + e.kind.encode() + b"\0")
        if e.kind == "link":
            digest.update(b"link:" + os.fsencode(e.target))
        elif e.kind == "file":
            try:
                fd = _open_regular(os.path.join(folder, e.rel))
            except OSError:
                digest.update(b"unreadable")
                continue
            try:
                for data in _chunks(fd, max_file + 1):
                    digest.update(data)
            finally:
                os.close(fd)
        digest.update(b"\0")
    for cause, rels in sorted(tree.refused.items()):
        digest.update(cause.encode() + b"\0" + os.fsencode("\0".join(rels)) + b"\0")


def suite_version() -> str:
    """Hash of the suite, the spec and the sandbox: a new suite re-grades everyone."""
    digest = hashlib.sha256()
    for part in (REPO_ROOT / "conformance", REPO_ROOT / "spec"):
        if part.is_dir():
            tree = scan(part, 1 << 30)
            tree.entries = [e for e in tree.entries
                            if e.kind == "file" and e.rel.endswith((".py", ".md", ".toml"))]
            _hash_tree(digest, part, tree, 1 << 30)
    sandbox = Path(__file__).with_name("sandbox.py")
    digest.update(sandbox.read_bytes())
    return digest.hexdigest()[:16]


def fingerprint(folder: Path, max_file: int, *settings: str) -> str:
    """The hash of what a grade of `folder` depends on: its files as `scan` sees them (each read
    up to `max_file` bytes) and `settings`."""
    digest = hashlib.sha256()
    _hash_tree(digest, folder, scan(folder, max_file, max_file), max_file)
    for s in settings:
        digest.update(s.encode() + b"\0")
    return digest.hexdigest()


def copy_tree(folder: Path, tree: Tree, dest: Path, uid: Optional[int],
              max_file: int) -> None:
    """Copy what `tree` lists from `folder` into the new folder `dest`: links kept as links,
    modes without setuid/setgid bits, everything owned by `uid` (when given). A file that cannot
    be copied (vanished, no space left on the copy's disk) is refused, not a grader error."""
    os.mkdir(dest, 0o700)
    for e in tree.entries:
        target = os.path.join(dest, e.rel)
        try:
            if e.kind == "dir":
                os.mkdir(target, 0o755)
            elif e.kind == "link":
                os.symlink(e.target, target)
            else:
                _copy_file(os.path.join(folder, e.rel), target, e.mode & 0o755 | 0o600, max_file)
            if uid is not None:
                os.lchown(target, uid, uid)
        except OSError as exc:
            tree.refuse(OVER_DISK if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)
                        else UNREADABLE, e.rel)
            if e.kind == "file" and os.path.lexists(target):
                os.unlink(target)
    if uid is not None:
        os.chown(dest, uid, uid)


def _copy_file(src: str, dest: str, mode: int, max_file: int) -> None:
    fd = _open_regular(src)
    try:
        out = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, mode)
        try:
            for data in _chunks(fd, max_file):
                os.write(out, data)
        finally:
            os.close(out)
    finally:
        os.close(fd)


def remove_tree(path: Path) -> None:
    """rm -rf without following links, also of a tree too deep for shutil.rmtree's recursion (the
    student's code may have made its copy as deep as it could): best effort, errors ignored."""
    try:
        shutil.rmtree(path)
        return
    except (OSError, RecursionError):
        pass
    stack = [(os.fspath(path), False)]
    while stack:
        p, listed = stack.pop()
        try:
            st = os.lstat(p)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode):
            _ignore(os.unlink, p)
        elif listed:
            _ignore(os.rmdir, p)
        else:
            stack.append((p, True))
            try:
                os.chmod(p, 0o700)
                stack.extend((e.path, False) for e in os.scandir(p))
            except OSError:
                continue


def _ignore(func, path: str) -> None:
    try:
        func(path)
    except OSError:
        pass
