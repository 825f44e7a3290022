# Hostile: the private copy of the bind shim (`pythonpath` in the private /tmp) replaced by a link
# to a root-only folder: a root supervisor that copies the shim there then chmods that folder's
# tree to 755/644 and writes into it.
import os

from _attack import planted, replace_with_link, serve

for base in ("/tmp", os.environ.get("TMPDIR", "/tmp"), os.environ.get("HOME", "/tmp")):
    replace_with_link(os.path.join(base, "pythonpath"), planted("root_only_dir.txt"))
serve()
