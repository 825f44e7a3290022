# Hostile (issue 19): a fork bomb, then a crash: every check that starts it fails the same way,
# and the feedback used to repeat that one failure for every check. Bounded: each child sleeps
# 20 s at most; RLIMIT_NPROC and the cgroup stop the forking.
import os
import time

children = 0
deadline = time.monotonic() + 2
while time.monotonic() < deadline and children < 2000:
    try:
        if os.fork() == 0:
            time.sleep(20)
            os._exit(0)
        children += 1
    except OSError:
        break
raise SystemExit("fork bomb done: %d children" % children)
