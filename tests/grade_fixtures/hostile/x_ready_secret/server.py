# Hostile: plant a link at the ready file's path to a root-only file; a root supervisor that
# copies "the ready file" copies the secret into this student's feedback.
from _attack import planted, ready_paths, replace_with_link, serve

for path in ready_paths():
    replace_with_link(path, planted("secret_path.txt"))
    replace_with_link(path + ".tmp", planted("secret_path.txt"))
serve()
