"""A cache of rendered files, keyed by everything they depend on.

A target describes each output as a job: a key (content + the target's own source code) and a
function that makes the files. Only jobs whose key is new run, in a job pool (by default worker
processes on this machine); the files then come from the cache. An unchanged product is therefore
never rendered again.

The pool is an interface (JobPool) so that another executor can replace the local process pool:
docs/performance.md says how a distributed engine (Dask) would run the jobs of a national catalogue.

The site hard-links cached files, so a damaged entry must never be taken for a good one. Each file
is written under a temporary name and renamed into place; once the entry's files are flushed to disk,
a marker (`.done`) records each file's size and SHA-256. An entry is reused only when its marker is
whole and every file still has its size, and its digest too when its time or inode changed (a file
truncated, overwritten or restored by hand): otherwise it is rendered again. A build killed or cut
off by a power failure therefore costs at most the entries it had not marked yet.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import gc
import hashlib
import importlib
import itertools
import json
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

from ocop_site.disk import (
    file_stamp,
    move_atomically,
    remove_temporaries,
    scratch_folder,
    settled,
    sync_file_system,
    temporary_name,
    write_atomically,
)
from ocop_site.processes import start_worker

Files = dict[str, bytes | Path]  # name → its bytes, or a file the job wrote, which the cache moves in
Record = list  # [size, SHA-256 hex, mtime_ns, inode] of a cached file, as its entry's marker keeps it
MARKER = ".done"
MARK_EVERY = 2.0  # seconds: how often finished entries are flushed to disk and marked during a long run
AHEAD = 4  # jobs submitted per worker ahead of the one the build waits for: work queued, memory bounded
CACHING_STEP = "caching"  # the pause point (pipeline/checkpoint.py) in the middle of writing a cached file


@dataclass(frozen=True)
class Job:
    key: str
    make: Callable[..., Files]  # a module-level function, so worker processes can run it
    args: tuple


Call = tuple[Callable[..., Files], tuple]  # a job's function and its arguments


class JobPool(Protocol):
    """Runs jobs' functions somewhere and yields their files, in the order of the calls.

    A job's function is a module-level function of picklable arguments; the files it returns are
    bytes or files it wrote (Paths), which the cache moves in: an executor on other machines must
    return bytes, or write to a folder this machine shares."""

    def map(self, calls: list[Call], workers: int, imports: tuple[str, ...] = ()) -> Iterator[Files]: ...


class LocalProcessPool:
    """Up to `workers` processes of this machine (forked from the build, so they die with it); a single job
    for more than one worker runs in the build's own process (no fork for it). The workers' temporary files
    go to a scratch folder in `scratch` (the system's temporary folder by default), removed after each map."""

    def __init__(self, scratch: Path | None = None) -> None:
        self.scratch = scratch

    def map(self, calls: list[Call], workers: int, imports: tuple[str, ...] = ()) -> Iterator[Files]:
        """`workers=1`: the jobs one at a time, in one worker process, for jobs that take much memory (a
        booklet's front or join, a large label sheet): what they held is given back when it ends, not kept
        by the build for the rest of its run. `imports`: modules the jobs load, loaded by the build before it
        forks, so that its workers share them instead of each loading them again (WeasyPrint: 0.4 CPU-s)."""
        single = len(calls) == 1 and workers > 1  # no fork for one job that does not ask for a process of its own
        if calls and not single:
            for name in imports:
                importlib.import_module(name)
            # The workers are forked from the build, whose catalogue is ~0.9 GB at 5,000 products. Their
            # cyclic collector would write into every object they inherited, copying each page of it into
            # the worker; frozen objects are never collected, so the workers keep sharing those pages.
            gc.freeze()
            try:
                # start_worker: no orphan outlives a killed build
                with (scratch_folder(self.scratch or Path(tempfile.gettempdir())) as scratch,
                      ProcessPoolExecutor(max_workers=workers, initializer=start_worker,
                                          initargs=(os.getpid(), str(scratch))) as pool):
                    yield from _in_order(pool, calls, workers * AHEAD)
            finally:
                gc.unfreeze()
        else:
            for call in calls:
                yield _call(call)


def _in_order(pool: ProcessPoolExecutor, calls: list[Call], ahead: int) -> Iterator[Files]:
    """The calls' files in order, with at most `ahead` calls submitted and not yet taken. (Executor.map
    submits every call at once: while the build flushed the cache to disk, finished jobs' files piled up in
    its memory, 0.7 GB of press kits at 5,000 products.)"""
    pending: collections.deque[Future] = collections.deque()
    waiting = iter(calls)
    try:
        for call in itertools.islice(waiting, ahead):
            pending.append(pool.submit(_call, call))
        while pending:
            files = pending.popleft().result()
            if (call := next(waiting, None)) is not None:
                pending.append(pool.submit(_call, call))
            yield files
    finally:  # a failed job or an interrupted build: what has not started never will
        for future in pending:
            future.cancel()


def package_version(name: str) -> str:
    """An installed package's version, for cache keys, without importing it (WeasyPrint's import
    loads Pango: about a second the main process of a build that renders no PDF need not spend)."""
    return metadata.version(name)


def fingerprint(*places: Path, extra: str = "") -> str:
    """Hash of the files (and every file below the folders) given: changes when a target's code,
    templates or settings change."""
    digest = hashlib.sha256(extra.encode())
    for place in places:
        files = [place] if place.is_file() else sorted(place.rglob("*"))
        for path in files:
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(path.relative_to(place.parent).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


@functools.cache
def _digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# The digests of the last build, by each file's absolute path: [device, inode, size, mtime_ns, ctime_ns, SHA-256]
_known: dict[str, list] = {}
_used: dict[str, list] = {}  # those this build used or made: what keep_digests writes


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read once per build however many targets key on it (photos feed three), and not at all
    when the last build hashed the very same file (remember_digests): the same inode, size and times, as git's
    index knows a file (disk.file_stamp); a file changed within the last few seconds is not remembered
    (disk.settled)."""
    info = path.stat()
    name = os.path.abspath(path)
    stamp = file_stamp(info)
    known = _used.get(name) or _known.get(name)
    if known is not None and known[:5] == stamp:
        _used[name] = known
        return known[5]
    digest = _digest(path, info.st_size, info.st_mtime_ns)
    if settled(info):
        _used[name] = [*stamp, digest]
    return digest


def remember_digests(path: Path) -> None:
    """Take the digests a build kept in `path` (reading the photos of 619 products again costs 0.3 s of each
    build); a missing or damaged file only means every file is read."""
    _used.clear()
    _known.clear()
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):
        return
    if isinstance(data, dict):
        _known.update({name: entry for name, entry in data.items() if isinstance(entry, list) and len(entry) == 6})


def keep_digests(path: Path) -> None:
    """Write the digests this build used for the next one (not flushed: losing them only costs time)."""
    with contextlib.suppress(OSError):  # a full disk: the next build reads the files again
        write_atomically(path, json.dumps(_used, sort_keys=True).encode(), sync=False)


def make_key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


class OutputCache:
    def __init__(self, root: Path, pool: JobPool | None = None,
                 pause: Callable[[str], None] = lambda step: None) -> None:
        self.root = root
        self.pool: JobPool = pool or LocalProcessPool(scratch=root)  # the jobs' files moved in by a rename
        self.pause = pause  # the build's checkpoint: tests stop it while it writes an entry
        self._intact: set[str] = set()  # entries checked (or written) by this process

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def done(self, key: str) -> bool:
        """The entry is complete and undamaged (checked once per process)."""
        if key not in self._intact and _check(self.folder(key)):
            self._intact.add(key)
        return key in self._intact

    def run(self, jobs: list[Job], workers: int = 2, imports: tuple[str, ...] = ()) -> int:
        """Make the files of every job not cached yet; returns how many jobs ran. `imports`: see
        LocalProcessPool.map."""
        missing = [job for job in jobs if not self.done(job.key)]
        unmarked: dict[str, dict[str, Record]] = {}
        last_mark = time.monotonic()
        try:
            results = self.pool.map([(job.make, job.args) for job in missing], workers, imports)
            for job, files in zip(missing, results, strict=True):
                unmarked[job.key] = self._store(job.key, files)
                if time.monotonic() - last_mark > MARK_EVERY:
                    self._mark(unmarked)
                    last_mark = time.monotonic()
        finally:  # what finished is kept, also when a later job fails
            self._mark(unmarked)
        return len(missing)

    def path(self, key: str, name: str) -> Path:
        """A cached file; never rewritten in place (a new one is renamed over it), so the site may hard-link it."""
        return self.folder(key) / name

    def _store(self, key: str, files: Files) -> dict[str, Record]:
        """Put the entry's files in place; it stays unmarked (not reused) until `_mark`."""
        folder = self.folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MARKER).unlink(missing_ok=True)  # a damaged entry being made again
        remove_temporaries(folder)  # left by a build killed while writing this entry
        records = {}
        for name, data in files.items():
            target = folder / name
            if isinstance(data, Path):
                move_atomically(data, target, sync=False)
                digest = _sha256(target)
            else:
                self._write(target, data)
                digest = hashlib.sha256(data).hexdigest()
            info = target.stat()
            records[name] = [info.st_size, digest, info.st_mtime_ns, info.st_ino]
        return records

    def _write(self, target: Path, data: bytes) -> None:
        temporary = temporary_name(target)
        with open(temporary, "wb") as handle:
            handle.write(data[:len(data) // 2])
            handle.flush()
            self.pause(CACHING_STEP)  # a test kills the build here, half-way through a file
            handle.write(data[len(data) // 2:])
        os.replace(temporary, target)

    def _mark(self, unmarked: dict[str, dict[str, Record]]) -> None:
        """Flush the stored entries to disk, then mark them: a marker never names a file a power cut can lose."""
        if not unmarked:
            return
        sync_file_system(self.root)
        for key, records in unmarked.items():
            write_atomically(self.folder(key) / MARKER, _marker(records), sync=False)
            self._intact.add(key)
        unmarked.clear()


def _marker(records: dict[str, Record]) -> bytes:
    return json.dumps({"files": records}, sort_keys=True).encode()


def _check(folder: Path) -> bool:
    """Every file the marker names has its size, and its digest unless its time and inode are unchanged."""
    try:
        records = json.loads((folder / MARKER).read_bytes())["files"]
        stale = False
        for name, (size, digest, mtime_ns, inode) in records.items():
            info = (folder / name).stat()
            if info.st_size != size:
                return False
            if (info.st_mtime_ns, info.st_ino) != (mtime_ns, inode):
                if _sha256(folder / name) != digest:
                    return False
                records[name] = [size, digest, info.st_mtime_ns, info.st_ino]
                stale = True
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # no marker, or a damaged one
        return False
    if stale:  # a copied cache: its files are checked once, not at every build
        with contextlib.suppress(OSError):  # a read-only cache is checked every time instead
            write_atomically(folder / MARKER, _marker(records), sync=False)
    return True


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _call(work: Call) -> Files:
    make, args = work
    return make(*args)
