# Hostile: raw escape sequences (retitle the terminal, clear it, colour) in what the feedback and
# the terminal show, next to the private copy's path.
import os
import sys

sys.stderr.write("\x1b]0;pwned\x07\x1b[2J\x1b[31mRED\x1b[0m cwd=%s file=%s\n"
                 % (os.getcwd(), os.path.abspath(__file__)))
raise SystemExit(1)
