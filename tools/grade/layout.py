"""Where each step's server is in a student's folder, and the layout mistakes said plainly.

Real submissions of the lab hold every step in one repository: `etape_3/server.py`, or
`code/server3.py` with step 1 as `code/server.py`. A **layout** maps a step to a path relative to
the student's folder:
- a pattern with `{step}`: `etape_{step}/server.py`, `code/server{step}.py` (when `{step}` is in
  the file name, step 1 may also be the name without it: `code/server.py`);
- a TOML map (`--layout lab.toml`): `[server]` then `1 = "code/server.py"`, `2 = "tp2/srv.py"`...
  and optionally `[client]` the same way for the clients.
Without `--layout`, each student's layout is detected among KNOWN_LAYOUTS: the one that finds the
most of the steps graded (ties: the first listed), and the report says which one was used.

Each step's client sits where its server does, with `client` for `server` in the file name
(`etape_3/client.py`, `code/client3.py` with step 1 as `code/client.py`, `client.py` beside a flat
`server.py`), or where the TOML map's `[client]` table says. A missing client has near misses
named the same way (`Client.py`, `etape_2/projet/client.py`, `clinet.py`).

Mistakes, said with what was found instead of "no server.py":
- the class folder is itself one submission (holds `server.py` or `etape_1/`...), or holds no
  submission at all: `ClassLayoutError`, naming what is there;
- near misses for a step whose server is missing: the same name in another case (`Server.py`),
  a French or misspelt name (`serveur.py`), the file one folder down (`projet/server.py`), the
  only other `.py` of the folder. They are not graded (a guess could grade the wrong file): they
  are named in the student's feedback and the report, and `--server-file` accepts another name.
"""
from __future__ import annotations

import os
import stat
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Dict, List, Optional, Sequence, Tuple

from .submissions import regular_file

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.9/3.10 only
    import tomli as tomllib

DEFAULT_FILE = "server.py"
# Tried in this order when no --layout is given; the flat `server.py` last, so that a repository
# with `server.py`, `server2.py`, `server3.py` graded for step 3 gets `server3.py`.
KNOWN_LAYOUTS = ("etape_{step}/server.py", "etape{step}/server.py", "step_{step}/server.py",
                 "step{step}/server.py", "code/server{step}.py", "server{step}.py", "server.py")
_NEAR_STEMS = ("serv", "sever", "srv")  # server, serveur, servor, serv; sever; srv
_NOT_A_SERVER = ("client", "test", "__init__")
CLIENT_STEM = "client"
_NEAR_CLIENT_STEMS = ("cli",)  # client, cliente, clinet, cli
_LIST_MAX = 2000  # entries of one folder looked at for near misses


class LayoutError(ValueError):
    """A --layout value that cannot be used; the message names it."""


class ClassLayoutError(ValueError):
    """The folder given as the class is not one: the message names what was found in it."""


def _clean(path: str, where: str) -> str:
    p = PurePosixPath(path)
    if p.is_absolute() or ".." in p.parts or not p.parts or not p.name.endswith(".py"):
        raise LayoutError(f"{where}: {path!r} must be a relative path to a .py file, "
                          "inside the student's folder")
    return str(p)


@dataclass(frozen=True)
class Layout:
    """Step → candidate paths. `name` is how reports state it."""

    name: str
    pattern: str = ""                           # with {step}, or a fixed path
    mapping: Tuple[Tuple[int, str], ...] = ()   # from a TOML map, when no pattern
    stem: str = "server"                        # the server's file stem (--server-file)
    client_mapping: Tuple[Tuple[int, str], ...] = ()  # the TOML map's [client] table

    def candidates(self, step: int) -> List[str]:
        if self.mapping or not self.pattern:  # a map (maybe empty), or no place at all
            return [p for s, p in self.mapping if s == step]
        first = self.pattern.replace("{step}", str(step))
        head, _, base = self.pattern.rpartition("/")
        if step == 1 and "{step}" in base:  # code/server{step}.py: step 1 is code/server.py
            return [first, (head + "/" if head else "") + base.replace("{step}", "")]
        return [first]

    def locate(self, folder: Path, step: int) -> Optional[str]:
        """The step's server in `folder` (a regular file reached through real folders, no link
        on the way), or None."""
        for rel in self.candidates(step):
            if regular_file(folder, rel):
                return rel
        return None

    def with_file(self, name: str) -> "Layout":
        """The same layout with another file name where it says `server` (--server-file)."""
        if self.mapping or name == DEFAULT_FILE:
            return self
        stem, suffix = name[:-3] if name.endswith(".py") else name, ".py"
        head, sep, base = self.pattern.rpartition("/")
        new_base = base.replace("server", stem, 1).replace(".py", "") + suffix \
            if base.startswith("server") else base
        pattern = head + sep + new_base
        return Layout(pattern, pattern, stem=stem)

    def for_client(self) -> "Layout":
        """Where this layout puts each step's client: `client` for the server's stem in the file
        name (`etape_{step}/client.py`, `code/client{step}.py`), or the TOML map's [client]."""
        if self.mapping:
            return Layout(self.name + " [client]", mapping=self.client_mapping, stem=CLIENT_STEM)
        head, sep, base = self.pattern.rpartition("/")
        if self.stem not in base:  # `tp{step}/main.py`: nowhere to put a client (a TOML map can)
            return Layout(self.name + " [client]", stem=CLIENT_STEM)
        pattern = head + sep + base.replace(self.stem, CLIENT_STEM, 1)
        return Layout(pattern, pattern, stem=CLIENT_STEM)


def _step_map(value: str, part: str, table: dict) -> Tuple[Tuple[int, str], ...]:
    mapping = []
    for key, rel in table.items():
        if not str(key).isdigit() or not 1 <= int(key) <= 8 or not isinstance(rel, str):
            raise LayoutError(f"--layout {value}: [{part}] key {key!r} must be a step 1-8 "
                              "and its value a path")
        mapping.append((int(key), _clean(rel, f"--layout {value}")))
    return tuple(sorted(mapping))


def parse_layout(value: str, server_file: str = DEFAULT_FILE) -> Layout:
    """--layout: a pattern, or a TOML file mapping steps to paths."""
    if value.endswith(".toml"):
        path = Path(value)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise LayoutError(f"--layout {value}: cannot read it ({exc.strerror})") from exc
        except tomllib.TOMLDecodeError as exc:
            raise LayoutError(f"--layout {value}: not valid TOML ({exc})") from exc
        table = data.get("server")
        if not isinstance(table, dict) or not table:
            raise LayoutError(f"--layout {value}: expected a [server] table of step = \"path\" "
                              "(e.g. 1 = \"code/server.py\")")
        clients = data.get("client", {})
        if not isinstance(clients, dict):
            raise LayoutError(f"--layout {value}: [client] must be a table of step = \"path\"")
        return Layout(str(path), mapping=_step_map(value, "server", table),
                      client_mapping=_step_map(value, "client", clients))
    _clean(value.replace("{step}", "1"), f"--layout {value}")
    return Layout(value, value).with_file(server_file)


def known_layouts(server_file: str = DEFAULT_FILE) -> List[Layout]:
    return [Layout(p, p).with_file(server_file) for p in KNOWN_LAYOUTS]


@dataclass
class Placement:
    """One student's servers: the layout used, the path per step found, what is near."""

    layout: str
    found: Dict[int, str] = field(default_factory=dict)
    missing: Dict[int, str] = field(default_factory=dict)  # step -> what to say instead
    clients: Dict[int, str] = field(default_factory=dict)  # step -> the client found
    clients_missing: Dict[int, str] = field(default_factory=dict)

    def locate(self, step: int) -> Tuple[Optional[str], str]:
        """(server path or None, the reason when None): what session.grade asks per student."""
        return self.found.get(step), self.missing.get(step, "")

    def locate_client(self, step: int) -> Tuple[Optional[str], str]:
        """(client path or None, the reason when None), as `locate` for the server."""
        return self.clients.get(step), self.clients_missing.get(step, "")


def _fold(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold())
                   if not unicodedata.combining(ch))


def _is_dir(path: Path) -> bool:
    """A real folder (a link to one is not: the grader, as root, follows no student's link)."""
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def _is_file(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except (OSError, ValueError):
        return False


def near_misses(folder: Path, rel: str, others: Sequence[str] = (),
                role: str = "server") -> List[str]:
    """Files in `folder` that look like the server (or client: `role`) expected at `rel` but are
    not it, nor one of `others` (the files the layout names for other steps). Links are never
    followed (a step folder may be a link to `..` or to a classmate's folder)."""
    stems = _NEAR_STEMS if role == "server" else _NEAR_CLIENT_STEMS
    want = PurePosixPath(rel)
    parent, where = folder, PurePosixPath()
    for part in want.parent.parts:  # each folder of the path, in any case ("Etape_3")
        if _is_dir(parent / part):
            parent, where = parent / part, where / part
            continue
        same = [d for d in _listdir(parent) if _is_dir(d) and _fold(d.name) == _fold(part)]
        if not same:
            return []
        parent, where = same[0], where / same[0].name
    found: List[PurePosixPath] = []
    pys = [f for f in _listdir(parent) if _is_file(f) and f.suffix.lower() == ".py"]
    for f in pys:
        name = _fold(f.name)
        if f.name != want.name and (name == _fold(want.name) or name.startswith(stems)):
            found.append(where / f.name)
    for sub in _listdir(parent):
        if _is_dir(sub) and not sub.name.startswith((".", "__")) and _is_file(sub / want.name):
            found.append(where / sub.name / want.name)
    if where != want.parent and _is_file(parent / want.name):
        found.append(where / want.name)
    taken = {str(PurePosixPath(o)) for o in others}
    rest = [where / f.name for f in pys if not _fold(f.stem).startswith(_NOT_A_SERVER)
            and str(where / f.name) not in taken]
    if not found and len(rest) == 1 and role == "server":  # a lone .py is rarely the client
        found = rest
    names = [str(p) for p in found]
    return [n for n in names if n not in others]


def _listdir(path: Path) -> List[Path]:
    """What `path` holds, links left out; bounded (a folder of a million files is not listed
    whole)."""
    try:
        with os.scandir(path) as it:
            return sorted(Path(e.path) for _, e in zip(range(_LIST_MAX), it)
                          if not e.is_symlink())
    except OSError:
        return []


def _missing_reason(folder: Path, step: int, layouts: Sequence[Layout],
                    role: str = "server") -> str:
    """"no X": with the near misses of every path `layouts` give for `step`."""
    rels = [r for lay in layouts for r in lay.candidates(step)]
    if not rels:
        return f"no {role} for step {step} in the layout"
    others = [r for lay in layouts for s in range(1, 9) if s != step for r in lay.candidates(s)]
    near: List[str] = []
    for rel in rels:
        near += [n for n in near_misses(folder, rel, others, role) if n not in near]
    if len(layouts) == 1:
        text = f"no {' or '.join(rels)} in the submission folder"
    else:
        text = f"no {role} for step {step} in a known layout ({', '.join(dict.fromkeys(rels))})"
    if near:
        text += f"; found {', '.join(near)} instead: rename it to {rels[-1 if len(layouts) > 1 else 0]}"
        text += (" (or the teacher grades it with --server-file / --layout)" if role == "server"
                 else " (or the teacher grades it with --layout)")
    links = [p for p in dict.fromkeys(_links_on_the_way(folder, r) for r in rels) if p]
    if links:
        named = ", ".join(links)
        text += (f"; {named} is a link, which the grader does not follow: put the files "
                 f"themselves there" if len(links) == 1 else
                 f"; {named} are links, which the grader does not follow: put the files "
                 f"themselves there")
    return text


def _links_on_the_way(folder: Path, rel: str) -> str:
    """The first part of `rel` in `folder` that is a symbolic link (`etape_3` -> `..`), or ""."""
    path = folder
    for part in PurePosixPath(rel).parts:
        path = path / part
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return str(path.relative_to(folder))
        except (OSError, ValueError):
            return ""
    return ""


def _best(folder: Path, steps: Sequence[int], choices: Sequence[Layout]) -> Tuple[Layout, Dict[int, str]]:
    """The layout that finds the most of `steps` in `folder` (ties: the first), and what it finds."""
    best, best_found = choices[0], {}
    for choice in choices:
        found = {s: p for s in steps if (p := choice.locate(folder, s)) is not None}
        if len(found) > len(best_found):
            best, best_found = choice, found
    return best, best_found


def place(folder: Path, steps: Sequence[int], layout: Optional[Layout],
          server_file: str = DEFAULT_FILE) -> Placement:
    """Where `folder`'s servers are for `steps`: with the given layout, or the best known one."""
    choices = [layout] if layout is not None else known_layouts(server_file)
    best, best_found = _best(folder, steps, choices)
    placement = Placement(best.name if best_found or layout is not None else "none found",
                          dict(best_found))
    for step in steps:
        if step not in best_found:  # nothing found at all: look near every known layout
            placement.missing[step] = _missing_reason(folder, step,
                                                      [best] if best_found else choices)
    # The clients where the servers are; with no server anywhere, wherever most clients are.
    client_choices = [best.for_client()] if best_found or layout is not None else [
        c.for_client() for c in choices]
    client, clients = _best(folder, steps, client_choices)
    placement.clients = clients
    for step in steps:
        if step not in clients:
            placement.clients_missing[step] = _missing_reason(
                folder, step, [client] if clients else client_choices, "client")
    return placement


def _looks_like_a_submission(folder: Path) -> List[str]:
    """What in `folder` says it is one student's work rather than a class."""
    hits = []
    for layout in known_layouts():
        for step in range(1, 9):
            rel = layout.locate(folder, step)
            if rel and rel not in hits:
                hits.append(rel)
    return hits


def check_class_folder(submissions: Path, students: List[Path], steps: Sequence[int],
                       placements: Dict[str, Placement]) -> None:
    """Refuse a folder that is not a class, naming what is in it."""
    own = _looks_like_a_submission(submissions)
    if own:
        raise ClassLayoutError(
            f"{submissions} is itself a submission: it holds {', '.join(own[:4])}. Give the "
            f"folder that holds one folder per student (here: {submissions.resolve().parent}), "
            f"with --only {submissions.name} to grade this one alone")
    if any(p.found for p in placements.values()):
        return
    if not students:
        files = sorted(p.name for p in _listdir(submissions))[:8]
        raise ClassLayoutError(f"{submissions} holds no student folder (found: "
                               f"{', '.join(files) or 'nothing'}); it should hold one folder "
                               "per student")
    shown = ", ".join(f"{s.name}/" for s in students[:5]) + (" ..." if len(students) > 5 else "")
    near = [f"{name}: {p.missing[min(p.missing)]}" for name, p in placements.items()
            if p.missing and "found" in p.missing[min(p.missing)]][:3]
    raise ClassLayoutError(
        f"{submissions} holds no submission: none of its {len(students)} folders ({shown}) has "
        f"a server for step(s) {', '.join(map(str, steps))} in a known layout "
        f"({', '.join(KNOWN_LAYOUTS)})" + ("; near misses: " + "; ".join(near) if near else "")
        + ". Use --layout to say where the servers are, --server-file for another file name")
