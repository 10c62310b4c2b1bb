"""Writing files so that a kill or a power cut leaves either the old file or the whole new one.

A file is written under a temporary name in its own folder (`.<name>.<pid>.tmp`), flushed to disk,
then renamed over its name; the folder is flushed so that the rename itself survives a power cut.
Whoever writes into a folder removes the temporaries an earlier, killed writer left there
(`remove_temporaries`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

TEMPORARY_SUFFIX = ".tmp"
CACHE_SETTING = "XDG_CACHE_HOME"


def user_cache_folder(name: str) -> Path | None:
    """`~/.cache/ocop-site/NAME` (under $XDG_CACHE_HOME when it is set): what reading the content keeps
    between processes. None when there is no home folder: then nothing is kept."""
    base = os.environ.get(CACHE_SETTING)
    if not base:
        home = os.path.expanduser("~")
        if home == "~":
            return None
        base = os.path.join(home, ".cache")
    return Path(base) / "ocop-site" / name


SETTLING_NS = 3_000_000_000  # a file changed more recently than this is never known by its stamp alone


def file_stamp(info: os.stat_result) -> list[int]:
    """What identifies a file's present bytes without reading them, as git's index does: device, inode, size,
    mtime and ctime. Any write changes the ctime, which nobody can set back."""
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def settled(info: os.stat_result) -> bool:
    """The file has not changed for SETTLING_NS: its stamp may stand for its bytes (a change within one tick of a
    coarse clock could otherwise leave the same stamp)."""
    return time.time_ns() - max(info.st_mtime_ns, info.st_ctime_ns) >= SETTLING_NS


def temporary_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}{TEMPORARY_SUFFIX}")


def is_temporary(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(TEMPORARY_SUFFIX)


def write_atomically(path: Path, data: bytes, sync: bool = True, mode: int | None = None) -> None:
    """`path` holds `data` or what it held before, never a part of `data`. With `sync=False` the rename
    is still atomic, but the caller flushes the disk itself (one `sync_file_system` for many files).
    `mode`: the file is made with it (a secret is never readable by others, not even for a moment)."""
    def opener(name: str, flags: int) -> int:
        return os.open(name, flags | os.O_EXCL, mode) if mode is not None else os.open(name, flags, 0o666)

    with _renamed_into_place(path, sync) as temporary, open(temporary, "wb", opener=opener) as handle:
        handle.write(data)
        if sync:
            handle.flush()
            os.fsync(handle.fileno())


def move_atomically(source: Path, path: Path, sync: bool = True) -> None:
    """Put the file `source` (written by someone else, maybe on another file system) at `path` in one rename."""
    with _renamed_into_place(path, sync) as temporary:
        try:
            os.rename(source, temporary)
        except OSError:  # another file system: copy, then remove the original
            shutil.copyfile(source, temporary)
            source.unlink()
        if sync:
            with open(temporary, "rb+") as handle:
                os.fsync(handle.fileno())


@contextlib.contextmanager
def _renamed_into_place(path: Path, sync: bool) -> Iterator[Path]:
    """A temporary name beside `path` for the block to fill; renamed over `path` when the block ends, removed
    if it fails; with `sync`, the folder flushed so that the rename survives a power cut."""
    temporary = temporary_name(path)
    try:
        yield temporary
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    if sync:
        sync_folder(path.parent)


def remove_temporaries(folder: Path, locked: bool = False) -> None:
    """The temporaries a killed writer left in `folder` (never a finished file). Unless the caller holds a
    lock that keeps every other writer out (`locked`), one whose process is still running is left alone:
    two builds sharing a render cache may write the same entry at once."""
    if folder.is_dir():
        for path in folder.iterdir():
            if is_temporary(path) and path.is_file() and (locked or not _writer_alive(path)):
                path.unlink(missing_ok=True)


SCRATCH_PREFIX = ".scratch-"


@contextlib.contextmanager
def scratch_folder(parent: Path) -> Iterator[Path]:
    """A folder of this process's own in `parent` (`.scratch-<random>.<pid>.tmp`) for files that must not
    outlive the work: removed when the work ends, and one a killed process left, by the next caller."""
    parent.mkdir(parents=True, exist_ok=True)
    for stale in parent.glob(f"{SCRATCH_PREFIX}*{TEMPORARY_SUFFIX}"):
        if stale.is_dir() and not stale.name.endswith(f".{os.getpid()}{TEMPORARY_SUFFIX}") and not _writer_alive(stale):
            shutil.rmtree(stale, ignore_errors=True)
    folder = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX, suffix=f".{os.getpid()}{TEMPORARY_SUFFIX}", dir=parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _writer_alive(path: Path) -> bool:
    """The process named in a temporary's name (`.<name>.<pid>.tmp`) is running, and is not this one."""
    pid = path.name.removesuffix(TEMPORARY_SUFFIX).rsplit(".", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def sync_folder(folder: Path) -> None:
    """Flush a folder's entries (a rename or a new file in it) to disk."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def sync_file_system(folder: Path) -> None:
    """Flush everything written to the file system that holds `folder`: one syncfs call instead of an
    fsync per file (about 13 ms each on a virtual disk) when a step has written thousands."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        syncfs = getattr(ctypes.CDLL(None, use_errno=True), "syncfs", None)
        if syncfs is None or syncfs(descriptor) != 0:
            os.sync()
    finally:
        os.close(descriptor)
