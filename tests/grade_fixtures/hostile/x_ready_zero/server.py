# Hostile: the ready file's path linked to /dev/zero; a supervisor that reads it never stops
# reading (it grew to 2.8 GiB and slowed the whole class).
from _attack import ready_paths, replace_with_link, serve

for path in ready_paths():
    replace_with_link(path, "/dev/zero")
serve()
