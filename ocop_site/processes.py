"""Child processes of a build die with it.

A build killed with SIGKILL cannot stop its workers itself, so each child asks the kernel to kill
it when its parent dies (Linux's PR_SET_PDEATHSIG): no orphan keeps rendering, or keeps a lock.
The signal fires when the thread that started the child ends, so children are started from the
build's own thread.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import tempfile

_PR_SET_NAME, _PR_SET_PDEATHSIG = 15, 1
try:
    _LIBC: ctypes.CDLL | None = ctypes.CDLL(None, use_errno=True)
    _PRCTL = _LIBC.prctl
except (OSError, AttributeError):  # not Linux: children outlive a killed build, as before
    _PRCTL = None


def die_with_parent(parent: int) -> None:
    """Run in the child (a pool initializer, or Popen's preexec_fn with the parent's pid bound)."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def name_process(name: str) -> None:
    """The name `ps -o comm`, `top` and /proc/PID/comm show for this process (15 bytes at most), for a
    forked child whose command line is still its parent's."""
    if _PRCTL is not None:
        _PRCTL(_PR_SET_NAME, ctypes.c_char_p(name.encode()[:15]), 0, 0, 0)


def start_worker(parent: int, scratch: str) -> None:
    """A job worker's initializer: it dies with the build, and its temporary files (WeasyPrint's decoded
    fonts, a PDF a job writes before the cache takes it) go to the build's scratch folder, which is removed
    when the workers end. A worker ends with `os._exit`, so whatever it would clean up at exit never is."""
    die_with_parent(parent)
    tempfile.tempdir = scratch


def release_memory() -> None:
    """Collect garbage and give the C library's free pages back to the system (glibc keeps them for the
    process otherwise): before a step that starts a large child process (MkDocs, Pagefind)."""
    gc.collect()
    trim = getattr(_LIBC, "malloc_trim", None) if _LIBC is not None else None
    if trim is not None:  # glibc only
        trim(0)
