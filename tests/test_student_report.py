"""What a student reads from ``canaduck check`` (conformance/cli.py, conformance/core/short_report.py):
one screen, in their language, about their own code; exit codes and words that never lie; a
real --help; nothing left in their folder; Windows command lines and consoles."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import pytest

from conformance.cli import cache_dir, server_command
from conformance.core.processes import split_command

REPO = Path(__file__).resolve().parent.parent
CATALOGUE = REPO / "tests" / "catalogue"
# The handout's own step-3 server (section 2.3.2), as a student copies it.
HANDOUT_STEP3 = '''import socket

serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(1)
while True:
    conn, addr = serveur.accept()
    print("Connexion de", addr)
    while True:
        msg = conn.recv(1024).decode()
        if msg == "fin":
            break
        conn.send(msg.encode())
    conn.close()
'''
# English words that a French report shows only when a text was left untranslated (outside the
# quoted bytes and the student's own output).
ENGLISH = re.compile(r"\b(the|expected|seen|received|reply|within|connection|closed|sent|not reached|passed|"
                     r"failed|because|without|after|before|server|could|did|does|nothing|no longer)\b",
                     re.IGNORECASE)


def _canaduck(args: List[str], cwd: Path, lang: str = "fr_FR.UTF-8", encoding: str = "utf-8",
              timeout: float = 240) -> subprocess.CompletedProcess:
    env: Dict[str, str] = {k: v for k, v in os.environ.items()
                           if k not in ("PYTHONPATH", "PYTEST_ADDOPTS", "LC_ALL", "LC_MESSAGES", "NO_COLOR")}
    env.update(LANG=lang, COLUMNS="120", LINES="50", PYTHONIOENCODING=encoding,
               XDG_CACHE_HOME=str(cwd.parent / "cache"))
    return subprocess.run([sys.executable, "-m", "conformance.cli", *args], cwd=str(cwd), env=env,
                          capture_output=True, timeout=timeout)


def _student_text(results_path: Path) -> List[str]:
    """What the student's program printed (and the hint lines above it): quoted as it is."""
    data = json.loads(results_path.read_text(encoding="utf-8"))
    texts = [data.get("start_error") or ""] + [c["server_output"] for c in data["checks"]]
    return [line.strip() for text in texts for line in text.splitlines() if line.strip()]


def _english_lines(screen: str, student: List[str]) -> List[str]:
    found = []
    for line in screen.splitlines():
        if any(part and part in line for part in student if len(part) > 3):
            continue
        bare = re.sub(r"'[^']*'|\"[^\"]*\"|`[^`]*`", "", line)
        bare = re.sub(r"canaduck \S+|--[a-z-]+|-v\b|\S+\.py", "", bare)
        if ENGLISH.search(bare):
            found.append(line)
    return found


def _folder(tmp_path: Path, source: str) -> Path:
    folder = tmp_path / "tp"
    folder.mkdir()
    (folder / "server.py").write_text(source, encoding="utf-8")
    return folder


def test_the_handouts_step3_server_fits_one_french_screen(tmp_path):
    folder = _folder(tmp_path, HANDOUT_STEP3)
    results = tmp_path / "results.json"
    run = _canaduck(["check", "server.py", "--step", "3", "--results-json", str(results)], folder)
    screen = run.stdout.decode("utf-8")
    assert run.returncode == 1, screen + run.stderr.decode()
    lines = screen.splitlines()
    assert len(lines) <= 50 and all(len(line) <= 120 for line in lines), screen
    assert "ROBUST-1 [MUST] non respectée" in screen
    assert "votre serveur ne ferme pas une connexion que le client a fermée" in screen
    assert "votre serveur a planté : server.py ligne " in screen
    assert "clauses NON RESPECTÉES (4) : ROBUST-1 ROBUST-2 ROBUST-3 ROBUST-4" in screen
    for chrome in ("test session starts", "site-packages", "warnings summary", "During handling",
                   "short test summary", "rootdir:"):
        assert chrome not in screen
    assert not _english_lines(screen, _student_text(results)), _english_lines(screen, _student_text(results))
    assert sorted(p.name for p in folder.iterdir()) == ["server.py"]      # no .pytest_cache handed in


@pytest.mark.parametrize("catalogue_file, step", [
    ("step1/empty_reply_hello1.py", 1),
    ("step2/print_not_send_frame1.py", 2),
    ("step2/echo_upper_echo1.py", 2),
    ("step3/contains_fin_sess3.py", 3),
    ("step3/exits_on_fin_seq1.py", 3),
    ("step3/nbsp_does_not_start.py", 3),
])
def test_a_french_run_says_nothing_in_english_outside_the_quoted_bytes(tmp_path, catalogue_file, step):
    folder = _folder(tmp_path, (CATALOGUE / catalogue_file).read_text(encoding="utf-8"))
    results = tmp_path / "results.json"
    run = _canaduck(["check", "server.py", "--step", str(step), "--results-json", str(results)], folder)
    screen = run.stdout.decode("utf-8")
    assert run.returncode in (1, 6), screen + run.stderr.decode()
    english = _english_lines(screen, _student_text(results))
    assert not english, "\n".join(english) + "\n---\n" + screen
    # a text translated twice loses its shape ("aucun cadrage trouvé (voir FRAME-1)  : ...")
    assert "  :" not in screen, screen


def test_print_instead_of_send_is_said_in_plain_words(tmp_path):
    folder = _folder(tmp_path, (CATALOGUE / "step2" / "print_not_send_frame1.py").read_text(encoding="utf-8"))
    screen = _canaduck(["check", "server.py", "--step", "2"], folder, lang="C.UTF-8").stdout.decode()
    assert "1. your server sent nothing back: print instead of send?" in screen
    assert "FRAME-1 [MUST] broken" in screen


def test_did_not_start_is_said_once_in_red_words_with_pythons_error(tmp_path):
    folder = _folder(tmp_path, (CATALOGUE / "step3" / "nbsp_does_not_start.py").read_text(encoding="utf-8"))
    run = _canaduck(["check", "server.py", "--step", "3"], folder)
    screen = run.stdout.decode()
    assert run.returncode == 6
    assert screen.count("N'A PAS DÉMARRÉ") == 1 and "skipped" not in screen
    assert "SyntaxError: invalid non-printable character U+00A0" in screen
    assert "conseil : une espace insécable (U+00A0, copiée depuis le PDF)" in screen


def test_nothing_listening_is_said_once(tmp_path):
    run = _canaduck(["check", "--target", "127.0.0.1:9", "--step", "3"], tmp_path)
    out = run.stdout.decode() + run.stderr.decode()
    assert run.returncode == 3
    assert out.count("rien n'écoute") == 1 and "_pytest" not in out and "Exit:" not in out


def test_a_run_that_checks_nothing_says_partial_and_does_not_exit_0(tmp_path):
    run = _canaduck(["check", "--target", "127.0.0.1:9", "--step", "4", "--lang", "en"], tmp_path)
    screen = run.stdout.decode()
    assert run.returncode == 7, screen
    assert "PARTIAL VERDICT" in screen and "clauses not run (8)" in screen


def test_a_run_stopped_by_x_says_partial(tmp_path):
    folder = _folder(tmp_path, HANDOUT_STEP3)
    run = _canaduck(["check", "server.py", "--step", "3", "-x", "--lang", "en"], folder)
    screen = run.stdout.decode()
    assert run.returncode != 0
    assert "PARTIAL VERDICT: the run stopped early (stopped after a failure (-x or --maxfail))" in screen


def test_help_needs_no_step_and_speaks_the_readers_language(tmp_path):
    for args, lang, words in ((["check", "--help"], "fr_FR.UTF-8", ["Codes de sortie", "--step N", "7 verdict partiel"]),
                              (["check", "-h"], "C.UTF-8", ["Exit codes", "--target HOST:PORT", "6 your program"]),
                              (["--help"], "fr_FR.UTF-8", ["canaduck check --help : les options"])):
        run = _canaduck(args, tmp_path, lang=lang)
        text = run.stdout.decode()
        assert run.returncode == 0 and all(word in text for word in words), text
        assert len(text.splitlines()) <= 30


def test_a_results_file_in_a_missing_folder_is_a_usage_error_before_anything_runs(tmp_path):
    folder = _folder(tmp_path, HANDOUT_STEP3)
    started = time.monotonic()
    run = _canaduck(["check", "server.py", "--step", "3", "--results-json", "nowhere/r.json"], folder)
    assert run.returncode == 4
    assert "--results-json nowhere/r.json : le dossier" in run.stderr.decode()
    assert time.monotonic() - started < 60 and not (folder / "nowhere").exists()


SLOW_SERVER = '''import socket, time
serveur = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
serveur.bind(("", 63000))
serveur.listen(5)
while True:
    conn, addr = serveur.accept()
    time.sleep(1000)
'''


def _processes_running(marker: str, besides: int) -> List[int]:
    """The processes whose command line holds ``marker``, other than ``besides`` (the command's own)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != besides:
            try:
                if marker in (entry / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _parent(pid: int) -> str:
    try:
        ppid = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[1]
        return f"{pid} child of {ppid}: " + Path(f"/proc/{ppid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return str(pid)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc to find the launched servers")
@pytest.mark.parametrize("number, workers", [(signal.SIGTERM, []), (signal.SIGHUP, ["-n", "2"])])
def test_sigterm_and_sighup_stop_the_run_like_ctrl_c_leaving_no_server(tmp_path, number, workers):
    folder = _folder(tmp_path, SLOW_SERVER)
    marker = str(folder / "server.py")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTEST_ADDOPTS")}
    env.update(LANG="C.UTF-8", XDG_CACHE_HOME=str(tmp_path / "cache"))
    proc = subprocess.Popen([sys.executable, "-m", "conformance.cli", "check", str(folder / "server.py"),
                             "--step", "3", "--reply-timeout", "60", *workers], cwd=str(folder), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        seen = 0       # the checks' servers running (not the start probe's, stopped at once)
        while seen < 5 and time.monotonic() < deadline and proc.poll() is None:
            seen = seen + 1 if _processes_running(marker, proc.pid) else 0
            time.sleep(0.2)
        if not _processes_running(marker, proc.pid):
            proc.kill()
            out, err = proc.communicate()
            pytest.fail(f"no server started (exit code {proc.returncode}): " + (out + err).decode()[-3000:])
        proc.send_signal(number)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    deadline = time.monotonic() + 30
    while _processes_running(marker, proc.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = _processes_running(marker, proc.pid)
    assert not left, f"a launched server was left running: {[_parent(pid) for pid in left]}" + (out + err).decode()[-3000:]
    assert proc.returncode != 0
    assert b"PARTIAL VERDICT" in out, (out + err).decode()[-6000:]


def test_a_cp1252_console_escapes_a_character_not_a_line(tmp_path):
    folder = _folder(tmp_path, HANDOUT_STEP3)
    run = _canaduck(["check", "server.py", "--step", "3"], folder, encoding="cp1252")
    screen = run.stdout.decode("cp1252")
    assert "clauses NON RESPECTÉES (4)" in screen and "\\xe9" not in screen


@pytest.mark.parametrize("command, platform, argv", [
    (r"python C:\tp\server.py", "nt", ["python", r"C:\tp\server.py"]),
    (r'"C:\Program Files\Python39\python.exe" "C:\mes tp\server.py" {port}', "nt",
     [r"C:\Program Files\Python39\python.exe", r"C:\mes tp\server.py", "{port}"]),
    (r'python -c "print(\"a b\")"', "nt", ["python", "-c", 'print("a b")']),
    ("python '/home/zoé/mon tp/server.py'", "posix", ["python", "/home/zoé/mon tp/server.py"]),
])
def test_command_lines_are_split_as_their_platform_does(command, platform, argv):
    assert split_command(command, platform) == argv


def test_the_server_file_is_quoted_for_the_platform():
    assert split_command(server_command(r"C:\mes tp\server.py", "nt"), "nt")[1:] == [r"C:\mes tp\server.py"]
    assert split_command(server_command("mon tp/server.py", "posix"), "posix")[1:] == ["mon tp/server.py"]


def test_pytests_cache_goes_to_the_users_cache_folder(tmp_path):
    path = cache_dir(str(tmp_path / "tp"), {"XDG_CACHE_HOME": str(tmp_path / "cache"),
                                            "LOCALAPPDATA": str(tmp_path / "cache")})
    assert Path(path).parent == tmp_path / "cache" / "canaduck"
    assert path != cache_dir(str(tmp_path / "other"), {"XDG_CACHE_HOME": str(tmp_path / "cache"),
                                                       "LOCALAPPDATA": str(tmp_path / "cache")})


def test_a_failure_while_handling_an_exception_shows_no_chained_traceback():
    """pytest renders a pytrace=False failure with its exception chain ("During handling of the
    above exception, another exception occurred"): a check's verdict is raised without it."""
    from conformance.core.verdict import Check
    check = Check("PAR-2")
    with pytest.raises(pytest.fail.Exception) as failure:
        try:
            raise ConnectionResetError("the kit's own business")
        except ConnectionResetError:
            check.fail("each client served", "client 2 reset")
    assert failure.value.__suppress_context__ and failure.value.__cause__ is None
    assert "During handling" not in str(failure.getrepr(style="value", chain=True))


def test_a_french_client_run_says_nothing_in_english_outside_the_quoted_bytes(tmp_path):
    folder = tmp_path / "tp"
    folder.mkdir()
    shutil.copy(CATALOGUE / "step2" / "client_no_eof_check_client5.py", folder / "client.py")
    results = tmp_path / "results.json"
    run = _canaduck(["check", "--client", "client.py", "--step", "2", "--results-json", str(results)], folder)
    screen = run.stdout.decode("utf-8")
    assert run.returncode == 1, screen + run.stderr.decode()
    assert "votre client ne se termine pas quand le serveur ferme la connexion" in screen
    assert screen.startswith("canaduck check --client client.py --step 2")
    english = _english_lines(screen, _student_text(results))
    assert not english, "\n".join(english) + "\n---\n" + screen
    # a text translated twice loses its shape ("aucun cadrage trouvé (voir FRAME-1)  : ...")
    assert "  :" not in screen, screen


@pytest.mark.parametrize("source, status, after", [
    (HANDOUT_STEP3, 1, "après les vérifications, le serveur ne répond plus à un nouveau client"),
    ((CATALOGUE / "step3" / "raw_robust_ok.py").read_text(encoding="utf-8"), 0,
     "après les vérifications, le serveur répond encore à un nouveau client"),
])
def test_a_classmates_server_is_told_what_may_happen_and_whether_it_still_answers(tmp_path, source, status, after):
    """--target: warned before the disruptive checks; after them, the summary says whether the server
    still answers (the handout's step 3 spins on the connection ROBUST-1 closed)."""
    from conformance.server_under_test.launcher import launch
    folder = _folder(tmp_path, source)
    server = launch(f"{sys.executable} server.py", 20, cwd=str(folder))
    try:
        run = _canaduck(["check", "--target", f"127.0.0.1:{server.port}", "--step", "3"], tmp_path)
    finally:
        server.stop()
    screen = run.stdout.decode()
    assert run.returncode == status, screen
    assert screen.startswith("--target : les dernières vérifications (ROBUST-*) peuvent planter ou bloquer ce serveur")
    assert after in screen


def test_a_crash_on_the_first_send_is_told_in_french_once_and_in_shape(tmp_path):
    """send() of a str, the handout's classic: the crash and its line head the screen; the clauses
    it kept back point to it in well-formed French (the framing's reason was translated twice:
    "aucun cadrage trouvé (voir FRAME-1)  : ...")."""
    folder = _folder(tmp_path, (CATALOGUE / "step2" / "send_str_crash_sess1.py").read_text(
        encoding="utf-8"))
    run = _canaduck(["check", "server.py", "--step", "2"], folder)
    screen = run.stdout.decode("utf-8")
    assert run.returncode == 1, screen + run.stderr.decode()
    assert "1. votre serveur a planté : server.py ligne 16 (TypeError)" in screen, screen
    assert "aucun cadrage trouvé (voir FRAME-1) : aucune réponse utilisable" in screen, screen
    assert "  :" not in screen, screen
