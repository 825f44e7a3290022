"""A student's folder read without trusting it (issue 19), without running anything: links not
followed, bounded depth, sizes before contents, special files refused and said once per cause;
output file names bounded; names escaped for Markdown; one feedback message per cause."""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from tests.grade_helpers import check, results_json
from tools.grade import model
from tools.grade.hygiene import file_stem, markdown_text, short_name, student_name
from tools.grade.layout import known_layouts, near_misses, place
from tools.grade.session import grader_error
from tools.grade.spec_clauses import load_clauses
from tools.grade.submissions import (MAX_DEPTH, copy_tree, fingerprint, regular_file, remove_tree,
                                     scan)
from tools.grade.points import PointsScheme
from tools.grade.suite_run import RunConfig, read_results
from tools.grade.writers import feedback, results_json as results_writer

CLAUSES = load_clauses()
MB = 1 << 20


def _deep(folder: Path, levels: int) -> None:
    fd = os.open(folder, os.O_RDONLY)
    for _ in range(levels):
        os.mkdir("d", dir_fd=fd)
        new = os.open("d", os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = new
    os.close(fd)


@pytest.fixture
def hostile(tmp_path):
    """A student's folder with every issue-19 hazard; removed without recursion afterwards
    (pytest's own clean-up would recurse 1200 deep)."""
    yield _hostile_folder(tmp_path)
    remove_tree(tmp_path / "class")


def _hostile_folder(tmp_path: Path) -> Path:
    klass = tmp_path / "class"
    (klass / "victim").mkdir(parents=True)
    (klass / "victim" / "server.py").write_text("print('victim')\n")
    me = klass / "me"
    me.mkdir()
    (me / "server.py").write_text("print('me')\n")
    os.symlink("..", me / "etape_1")
    os.symlink("../victim", me / "step_1")
    os.mkfifo(me / "pipe")
    with open(me / "big.bin", "wb") as fh:
        fh.truncate(40 << 30)  # sparse: 40 GiB that take no disk
    _deep(me, 1200)
    return me


def test_scan_refuses_by_type_depth_and_size_and_follows_no_link(hostile, tmp_path):
    me = hostile
    tree = scan(me, 100 * MB, 100 * MB)
    kinds = {e.rel: e.kind for e in tree.entries if "/" not in e.rel}
    assert kinds == {"d": "dir", "etape_1": "link", "server.py": "file", "step_1": "link"}
    assert max(e.rel.count("/") for e in tree.entries) == MAX_DEPTH - 2
    line = tree.refusal("100M")
    for words in ("not regular files", "copied: pipe", "over the 100M size limit", "big.bin",
                  f"deeper than {MAX_DEPTH} levels"):
        assert line.count(words) == 1, line
    assert str(tmp_path) not in line
    assert "refusé" in tree.refusal("100M", "fr")


def test_fingerprint_of_a_hostile_folder_reads_no_big_file_and_changes_with_the_files(hostile, tmp_path):
    me = hostile
    first = fingerprint(me, 100 * MB, "step=1")
    assert first == fingerprint(me, 100 * MB, "step=1")
    (me / "server.py").write_text("print('changed')\n")
    assert fingerprint(me, 100 * MB, "step=1") != first


def test_the_copy_keeps_links_as_links_drops_setuid_and_refuses_what_does_not_fit(hostile, tmp_path):
    me = hostile
    (me / "tool").write_text("#!/bin/sh\n")
    os.chmod(me / "tool", 0o4755)
    (me / "a.bin").write_bytes(b"x" * 3000)
    (me / "b.bin").write_bytes(b"y" * 3000)
    tree = scan(me, 4000, 4000)
    dest = tmp_path / "copy"
    copy_tree(me, tree, dest, None, 4000)
    assert os.readlink(dest / "etape_1") == ".."
    assert stat.S_IMODE(os.lstat(dest / "tool").st_mode) == 0o755
    assert (dest / "a.bin").stat().st_size == 3000 and not (dest / "b.bin").exists()
    assert "disk limit of the whole submission" in tree.refusal("4000")
    remove_tree(dest)
    assert not dest.exists()


def test_a_step_folder_linking_out_is_not_a_server_and_the_near_miss_search_survives(hostile, tmp_path):
    me = hostile
    (me / "server.py").unlink()
    assert not regular_file(me, "etape_1/server.py") and not regular_file(me, "step_1/server.py")
    for layout in known_layouts():
        near_misses(me, layout.candidates(1)[0])  # no exception, no classmate's file
    placed = place(me, [1], None)
    assert placed.found == {} and "victim" not in placed.missing[1]
    assert "etape_1, step_1 are links, which the grader does not follow" in placed.missing[1]


def test_output_names_are_bounded_distinct_and_readable():
    long_a = student_name(Path("a" * 250))
    ff = student_name(Path(os.fsdecode(b"\xff" * 64)))
    stems = {file_stem(n) for n in (long_a, long_a + "b", ff)}
    assert len(stems) == 3
    assert all(len((s + ".json.tmp").encode()) < 255 and s.startswith(("aaaa", "\\xff"))
               for s in stems)
    assert file_stem("alice") == "alice" and file_stem("..") != ".."
    assert len(short_name(long_a)) == 48 and short_name("bob") == "bob"


def test_a_name_holding_html_or_markdown_is_text():
    assert markdown_text("<img src=x onerror=alert(1)>") == \
        "&lt;img src=x onerror=alert(1)&gt;"
    assert markdown_text("**x** [a](b) `c` _d_ etape_3") == \
        "\\*\\*x\\*\\* \\[a\\](b) \\`c\\` \\_d\\_ etape_3"


def test_a_grader_error_names_no_machine_path(tmp_path):
    folder = tmp_path / "class" / "alice"
    exc = OSError(2, "No such file or directory", str(folder / "x"))
    assert str(tmp_path) not in grader_error(exc, folder)
    text = grader_error(ValueError(f"{folder}/a is not relative to {tmp_path}/w"), folder,
                        tmp_path / "w")
    assert str(tmp_path) not in text and "alice/a" in text and "<grader>" in text


def test_a_server_that_fails_every_check_the_same_way_is_told_once(tmp_path):
    why = "server did not start: bwrap: fork failed: Resource temporarily unavailable"
    checks = [check(c, "failed", message=why) for c in ("ECHO-1", "ECHO-2", "FRAME-1", "TEXT-1")]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(results_json(checks)), encoding="utf-8")
    sub = read_results(path, "<b>x</b>", RunConfig(step=3, points=PointsScheme(),
                                                     clauses=CLAUSES))
    text = feedback.render(sub, CLAUSES)
    assert text.count(why) == 1 and text.count("for the same reason as") == len(checks) - 1
    assert "<b>" not in text
    assert "pour la même raison que" in feedback.render(sub, CLAUSES, "fr")
    sub.student = "a" * 250 + "\\xff" * 64
    written = results_writer.write(sub, tmp_path)
    assert model.Submission.from_dict(
        json.loads(written.read_text(encoding="utf-8"))).student == sub.student


def test_a_server_that_did_not_start_is_told_so_once(tmp_path):
    """A fork bomb that crashes: the start failure is shown once, at the top; each check says
    it failed because of it, without repeating it."""
    why = "server did not start: the server exited with code 1 before listening"
    checks = [check(c, "error", message=why) for c in ("ECHO-1", "ECHO-2", "FRAME-1")]
    path = tmp_path / "r.json"
    path.write_text(json.dumps(results_json(checks, started=False, start_error=why +
                                            "\nserver stderr:\nfork bomb done")), "utf-8")
    sub = read_results(path, "bomb", RunConfig(step=3, points=PointsScheme(), clauses=CLAUSES))
    for lang, words in (("en", "because the server did not start"),
                        ("fr", "car le serveur n'a pas démarré")):
        text = feedback.render(sub, CLAUSES, lang)
        assert text.count(why) == 1 and text.count(words) == len(checks), text
