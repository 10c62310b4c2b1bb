"""A cache of rendered files, keyed by everything they depend on.

A target describes each output as a job: a key (content + the target's own source code) and a
function that makes the files. Only jobs whose key is new run, in a job pool (by default worker
processes on this machine); the files then come from the cache. An unchanged product is therefore
never rendered again.

The pool is an interface (JobPool) so that another executor can replace the local process pool:
docs/performance.md says how a distributed engine (Dask) would run the jobs of a national catalogue.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

from ocop_site.processes import die_with_parent

Files = dict[str, bytes | Path]  # name → its bytes, or a file the job wrote, which the cache moves in


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

    def map(self, calls: list[Call], workers: int) -> Iterator[Files]: ...


class LocalProcessPool:
    """Up to `workers` processes of this machine (forked from the build, so they die with it)."""

    def map(self, calls: list[Call], workers: int) -> Iterator[Files]:
        if len(calls) > 1 and workers > 1:
            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                                     initargs=(os.getpid(),)) as pool:  # no orphan outlives a killed build
                yield from pool.map(_call, calls)
        else:
            for call in calls:
                yield _call(call)


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


def file_digest(path: Path) -> str:
    """SHA-256 of a file, read once per build however many targets key on it (photos feed three)."""
    info = path.stat()
    return _digest(path, info.st_size, info.st_mtime_ns)


def make_key(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:40]


class OutputCache:
    def __init__(self, root: Path, pool: JobPool | None = None) -> None:
        self.root = root
        self.pool: JobPool = pool or LocalProcessPool()

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def done(self, key: str) -> bool:
        return (self.folder(key) / ".done").exists()

    def run(self, jobs: list[Job], workers: int = 2) -> int:
        """Make the files of every job not cached yet; returns how many jobs ran."""
        missing = [job for job in jobs if not self.done(job.key)]
        results = self.pool.map([(job.make, job.args) for job in missing], workers)
        for job, files in zip(missing, results, strict=True):
            self._store(job.key, files)
        return len(missing)

    def path(self, key: str, name: str) -> Path:
        """A cached file; never rewritten, so the site may hard-link it."""
        return self.folder(key) / name

    def _store(self, key: str, files: Files) -> None:
        folder = self.folder(key)
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files.items():
            if isinstance(data, Path):
                shutil.move(data, folder / name)
            else:
                (folder / name).write_bytes(data)
        (folder / ".done").write_bytes(b"")


def _call(work: Call) -> Files:
    make, args = work
    return make(*args)
