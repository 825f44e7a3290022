"""Shared by the hostile servers of this class (copied into each folder by the test): where the
grader used to put things, what the test planted, and a way to serve correctly afterwards."""
import os
import runpy

HERE = os.path.dirname(os.path.abspath(__file__))


def planted(name):
    """A value the test wrote into this folder (a secret's path, a port), or ''."""
    try:
        with open(os.path.join(HERE, name)) as fh:
            return fh.read().strip()
    except OSError:
        return ""


def ready_paths():
    """Where the grader's supervisor looked for the bind shim's ready file."""
    paths = ["/tmp/canaduck-ready", os.path.join(os.environ.get("TMPDIR", "/tmp"), "canaduck-ready")]
    if os.environ.get("CANADUCK_READY_FILE"):
        paths.append(os.environ["CANADUCK_READY_FILE"])
    return paths


def replace_with_link(path, target):
    try:
        if os.path.isdir(path) and not os.path.islink(path):
            import shutil
            shutil.rmtree(path)
        elif os.path.lexists(path):
            os.unlink(path)
        os.symlink(target, path)
    except OSError:
        pass


def serve():
    """A correct echo server (the catalogue's, copied here by the test as echo_server.py)."""
    runpy.run_path(os.path.join(HERE, "echo_server.py"), run_name="__main__")


WRITABLE = ("/run/lock", "/var/tmp", "/dev/shm", "/tmp")


def plant_setuid_python():
    """Copies of this interpreter, setuid to this uid, in every world-writable folder."""
    import shutil
    import sys
    for folder in WRITABLE:
        dest = os.path.join(folder, "canaduck-hostile-py-%d" % os.getuid())
        try:
            shutil.copyfile(os.path.realpath(sys.executable), dest)
            os.chmod(dest, 0o4755)
        except OSError:
            pass


def planted_pythons():
    """The setuid copies planted by other uids."""
    found = []
    for folder in WRITABLE:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            path = os.path.join(folder, name)
            try:
                st = os.stat(path)
            except OSError:
                continue
            if name.startswith("canaduck-hostile-py-") and st.st_mode & 0o4000 \
                    and st.st_uid != os.getuid():
                found.append(path)
    return found
