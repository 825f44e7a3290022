# Hostile (issue 19): the test makes a fifo (`pipe`) and an unreadable file (`secret.bin`, mode
# 000) beside this server; the grader used to fail on them with its paths in the reason. The
# server itself is correct.
from _attack import serve

serve()
