"""The build's working folder, OUT/.work, kept between builds so a rebuild redoes only what changed.

Generated sources are written only when their bytes differ (ocop_site/files.py), so file times tell
MkDocs's dirty mode which pages to render again. A state file records whether the last MkDocs run
finished: if it did not, the next build starts MkDocs from clean.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ocop_site.content.ledger import LOCK_FILE
from ocop_site.disk import write_atomically
from ocop_site.files import DamagedFile, read_json
from ocop_site.i18n import t


class BuildLocked(Exception):
    """Another build is writing to the same output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return t("build_locked", language, folder=self.out_dir)

    def __reduce__(self) -> tuple[type[BuildLocked], tuple[Path]]:
        return BuildLocked, (self.out_dir,)


class State:
    """Small JSON facts about the work folder (e.g. whether MkDocs last finished).

    A build reads it once and passes the one object to every target (RenderContext.state): the targets
    and the builder read and write the same facts, and nobody reads the file again. A missing or damaged
    file means "nothing known": everything is redone."""

    def __init__(self, path: Path) -> None:
        self.path = path
        for stray in path.parent.glob(f".{path.name}.*.tmp"):  # a build killed while writing it (under the lock)
            stray.unlink(missing_ok=True)
        try:
            data = read_json(path)
        except DamagedFile:
            data = None  # a damaged cache of facts is no fact: rebuild
        self.data: dict = data if isinstance(data, dict) else {}

    def get(self, key: str, default: object = None) -> object:
        return self.data.get(key, default)

    def set(self, key: str, value: object) -> None:
        self.data[key] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, json.dumps(self.data, sort_keys=True).encode())  # flushed: a fact outlives a cut


_HELD: set[int] = set()  # descriptors of the locks this process holds


def _forget_locks_in_child() -> None:
    """A forked worker must not share the build's locks: a flock is held as long as any process keeps
    its descriptor open, so an orphaned worker would keep the folder locked after the build died."""
    for descriptor in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(descriptor)
    _HELD.clear()


os.register_at_fork(after_in_child=_forget_locks_in_child)


@contextmanager
def _flock(descriptor: int, blocking: bool) -> Iterator[None]:
    _HELD.add(descriptor)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        yield
    finally:
        _HELD.discard(descriptor)
        os.close(descriptor)  # releases the lock


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder (e.g. 'serve' and 'build' side by side)."""
    if not out_dir.is_dir():
        out_dir.mkdir(parents=True)
        out_dir.chmod(0o755)  # a web server running as another user must reach OUT/site
    descriptor = os.open(out_dir / ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise BuildLocked(out_dir) from None
    with _flock(descriptor, blocking=True):
        yield


@contextmanager
def content_locked(content_dir: Path, waiting: Callable[[], None]) -> Iterator[None]:
    """One build at a time reads the content folder and writes its QR ledger, whatever its output folder.

    The lock is a file in the content folder (ignored by the loader and by git), released by the kernel
    when the holder dies. A read-only content folder without the lock file is read unlocked: nobody can
    write its ledger, and a build that needs to fails with a permission error."""
    path = content_dir / LOCK_FILE
    try:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as error:
        if error.errno not in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise
        try:
            descriptor = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW)  # flock needs no write access
        except FileNotFoundError:
            yield
            return
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        blocking = False
    except BlockingIOError:
        waiting()
        blocking = True
    with _flock(descriptor, blocking):
        yield
