"""The box one submission's suite run lives in: its own network namespace, shared by the suite and
the server it launches, and nobody else.

Inside, loopback is private: the suite reaches the server on 127.0.0.1 as usual, the server
reaches no other port of the host and no classmate's server, and nothing outside can connect to
it. Readiness needs no file the student could replace: the suite sees the server's LISTEN socket
in /proc/net/tcp, which shows this namespace's sockets only.
- bubblewrap: `bwrap --unshare-net --unshare-ipc --die-with-parent` around the suite. Not
  `--unshare-pid` here: the server's own bubblewrap (sandbox.py) makes the pid namespace that
  kills everything the server started, and it must read /proc/<its pid>/ns, which a box with a
  new pid namespace but the host's /proc would get wrong (another process, or none);
- without it, as root: the suite's process calls unshare(CLONE_NEWNET | CLONE_NEWIPC) before
  exec and brings loopback up; processes are then killed by uid (reaper.py) and cgroup.

For the server's own side without bubblewrap, `private_mounts()` gives it a fresh nosuid tmpfs on
every world-writable folder of the host (/tmp, /var/tmp, /dev/shm, /run/lock...: scratch.py; a
leftover file dies with the namespace, a setuid bit is never honoured) and hides the class and
output folders.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import socket
import struct
from typing import List, Sequence

from .scratch import writable_places

CLONE_NEWNS = 0x00020000
CLONE_NEWIPC = 0x08000000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_REC, MS_PRIVATE = 1, 2, 4, 0x4000, 0x40000
_SIOCGIFFLAGS, _SIOCSIFFLAGS, _IFF_UP = 0x8913, 0x8914, 0x1


def bwrap_prefix() -> List[str]:
    """bubblewrap around the suite: same files (the suite is ours), own network and IPC."""
    return ["bwrap", "--dev-bind", "/", "/", "--unshare-net", "--unshare-ipc",
            "--die-with-parent", "--"]


def _libc() -> ctypes.CDLL:
    return ctypes.CDLL(None, use_errno=True)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def loopback_up() -> None:
    """A new network namespace starts with `lo` down; up, it has 127.0.0.1 and ::1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        req = struct.pack("16sH22x", b"lo", 0)
        flags = struct.unpack("16sH22x", fcntl.ioctl(sock, _SIOCGIFFLAGS, req))[1]
        fcntl.ioctl(sock, _SIOCSIFFLAGS, struct.pack("16sH22x", b"lo", flags | _IFF_UP))


def enter_own_network() -> None:
    """In the suite's child before exec (root, no bubblewrap): own network and IPC namespaces."""
    _check(_libc().unshare(CLONE_NEWNET | CLONE_NEWIPC), "unshare(CLONE_NEWNET)")
    loopback_up()


def network_namespaces_possible() -> bool:
    """True when this process may make network namespaces itself (root, CAP_SYS_ADMIN)."""
    if os.geteuid() != 0:
        return False
    pid = os.fork()
    if pid == 0:  # try in a throw-away child: the grader's own namespaces stay as they are
        try:
            enter_own_network()
            os._exit(0)
        except BaseException:
            os._exit(1)
    return os.waitpid(pid, 0)[1] == 0


def _holds(folder: str, paths: Sequence[str]) -> bool:
    return any(p == folder or p.startswith(folder.rstrip("/") + "/") for p in paths)


def private_mounts(hide: Sequence[str], keep: Sequence[str]) -> None:
    """In the server's child before the uid drop (root, no bubblewrap): a mount namespace of its
    own with fresh scratch folders (nosuid, nodev), and `hide` (the class, the outputs) covered by empty ones.
    A folder holding one of `keep` (the copy, the interpreter) is left as it is."""
    libc = _libc()
    _check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "mount --make-rprivate /")
    for path in writable_places():  # /tmp, /var/tmp, /dev/shm, /run/lock...: nothing persists
        if not _holds(path, keep):
            _check(libc.mount(b"tmpfs", path.encode(), b"tmpfs", MS_NOSUID | MS_NODEV,
                              b"mode=1777,size=16m"), f"tmpfs on {path}")
    for path in hide:
        if os.path.isdir(path) and not _holds(path, keep):
            _check(libc.mount(b"tmpfs", os.fsencode(path), b"tmpfs",
                              MS_RDONLY | MS_NOSUID | MS_NODEV, b"mode=0755,size=4k"),
                   f"tmpfs on {path}")
