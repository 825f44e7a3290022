import os
import runpy

# Hostile: try to read other students' work and the grader's output before serving. If anything
# can be read, refuse to start: the leak then shows in the grade (the test wants full marks).
stolen = []
here = os.path.dirname(os.path.abspath(__file__))
try:
    targets = open(os.path.join(here, "targets.txt")).read().split()
except OSError:
    targets = []
for path in targets:
    try:
        with open(path, "rb") as fh:
            stolen.append(fh.read(100))
    except OSError:
        pass
    try:
        stolen.extend(os.listdir(path))
    except OSError:
        pass
if stolen:
    raise SystemExit(f"LEAKED {stolen}")

# Nothing leaked: a correct echo server (copied here from the catalogue by the test).
runpy.run_path(os.path.join(here, "echo_server.py"), run_name="__main__")
