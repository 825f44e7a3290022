# Hostile: plant links where a root supervisor used to read and write in this student's private
# /tmp. The ready file's path (and its .tmp) -> a root-only file: copying "the ready file" put the
# secret in this student's feedback. The private `pythonpath` shim folder -> a root-only folder:
# copying the shim there made root chmod that tree to 755/644 and write into it.
import os

from _attack import planted, ready_paths, replace_with_link, serve

for path in ready_paths():
    replace_with_link(path, planted("secret_path.txt"))
    replace_with_link(path + ".tmp", planted("secret_path.txt"))
for base in ("/tmp", os.environ.get("TMPDIR", "/tmp"), os.environ.get("HOME", "/tmp")):
    replace_with_link(os.path.join(base, "pythonpath"), planted("root_only_dir.txt"))
serve()
