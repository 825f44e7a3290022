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
