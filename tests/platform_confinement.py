"""A simulation of Docker's default confinement, for the platforms' packages (Gradescope and
PrairieLearn run the grader in such a container), applied to a child process before it execs:

- its own mount namespace, where the cgroup filesystem is read-only (as in a container) and the
  folders `cover` are fresh (/tmp: other runs' files are not in a container; /work: this
  machine's checkouts of the kit, which a container has not), holding only `keep` (the test's
  stand-in for the container's folders, bound back at the same path);
- the capabilities outside Docker's default set removed from the bounding set (CAP_SYS_ADMIN,
  CAP_NET_ADMIN...): the program exec'd as root has none of them;
- a seccomp filter as Docker's default profile: unshare(), setns() and clone() with any
  CLONE_NEW* flag refused with EPERM, clone3() with ENOSYS (so that libc falls back to clone).

Namespaces are thus refused for real (bubblewrap and the grader's own unshare fail), not by
pretending a probe failed. x86_64 and aarch64 only (the syscall numbers below).
"""
from __future__ import annotations

import ctypes
import errno
import os
import platform
import struct
from typing import Callable, Sequence

# Docker's default capabilities (moby's oci/caps/defaults.go); every other one is dropped.
DOCKER_CAPS = {0, 1, 3, 4, 5, 6, 7, 8, 10, 13, 18, 27, 29, 31}  # CHOWN..SETFCAP
_LAST_CAP = 40
PR_CAPBSET_DROP, PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 24, 22, 2
CLONE_NEW_FLAGS = 0x7E020080  # NEWNS|NEWCGROUP|NEWUTS|NEWIPC|NEWUSER|NEWPID|NEWNET|NEWTIME
CLONE_NEWNS = 0x00020000
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_REC, MS_PRIVATE = 1, 32, 4096, 0x4000, 0x40000
# (audit arch, unshare, setns, clone, clone3)
SYSCALLS = {"x86_64": (0xC000003E, 272, 308, 56, 435),
            "aarch64": (0xC00000B7, 97, 268, 220, 435)}
RET_ALLOW, RET_ERRNO = 0x7FFF0000, 0x00050000
LD_W_ABS, JEQ_K, JSET_K, RET_K = 0x20, 0x15, 0x45, 0x06


def supported() -> bool:
    return platform.machine() in SYSCALLS and os.geteuid() == 0


def _filter() -> bytes:
    arch, unshare, setns, clone, clone3 = SYSCALLS[platform.machine()]
    prog = [
        (LD_W_ABS, 0, 0, 4),                      # A = arch
        (JEQ_K, 1, 0, arch),
        (RET_K, 0, 0, RET_ALLOW),                 # another ABI: not ours to judge
        (LD_W_ABS, 0, 0, 0),                      # A = syscall number
        (JEQ_K, 0, 1, unshare), (RET_K, 0, 0, RET_ERRNO | errno.EPERM),
        (JEQ_K, 0, 1, setns), (RET_K, 0, 0, RET_ERRNO | errno.EPERM),
        (JEQ_K, 0, 1, clone3), (RET_K, 0, 0, RET_ERRNO | errno.ENOSYS),
        (JEQ_K, 0, 3, clone),
        (LD_W_ABS, 0, 0, 16),                     # A = low half of clone's flags
        (JSET_K, 0, 1, CLONE_NEW_FLAGS), (RET_K, 0, 0, RET_ERRNO | errno.EPERM),
        (RET_K, 0, 0, RET_ALLOW),
    ]
    return b"".join(struct.pack("HBBI", *ins) for ins in prog)


def _check(result: int, what: str) -> None:
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def fresh_view(cover: Sequence[str], keep: Sequence[str] = ()) -> None:
    """In this process (root, before exec): its own mount namespace where each folder of `cover`
    is a fresh empty tmpfs, but for the folders of `keep` under it, bound back at their path."""
    libc = ctypes.CDLL(None, use_errno=True)
    _check(libc.unshare(CLONE_NEWNS), "unshare(CLONE_NEWNS)")
    _check(libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None), "make-rprivate /")
    held = [(os.open(k, os.O_PATH), k) for k in keep]
    for where in cover:
        if os.path.isdir(where):
            _check(libc.mount(b"tmpfs", where.encode(), b"tmpfs", 0, b"mode=1777"),
                   f"tmpfs on {where}")
    for fd, where in held:
        os.makedirs(where, mode=0o755, exist_ok=True)
        _check(libc.mount(f"/proc/self/fd/{fd}".encode(), where.encode(), None, MS_BIND, None),
               f"bind {where}")
        os.close(fd)


def docker_default(cover: Sequence[str], keep: Sequence[str] = ()) -> Callable[[], None]:
    """The preexec function that confines the child as above (it must start as root): the
    folders of `cover` fresh (fresh_view), but `keep`."""
    code = _filter()

    def apply() -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        fresh_view(cover, keep)
        with open("/proc/self/mounts") as fh:
            cgroups = [ln.split()[1] for ln in fh if ln.split()[1].startswith("/sys/fs/cgroup")]
        for where in cgroups:
            _check(libc.mount(None, where.encode(), None, MS_REMOUNT | MS_BIND | MS_RDONLY,
                              None), f"read-only {where}")
        for cap in range(_LAST_CAP + 1):
            if cap not in DOCKER_CAPS:
                libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)  # EINVAL past the kernel's last one
        buf = ctypes.create_string_buffer(code, len(code))
        prog = struct.pack("HxxxxxxP", len(code) // 8, ctypes.addressof(buf))
        prog_buf = ctypes.create_string_buffer(prog, len(prog))
        _check(libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, prog_buf, 0, 0), "seccomp")

    return apply
