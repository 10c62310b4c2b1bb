"""A cache of rendered files, keyed by everything they depend on.

A target describes each output as a job: a key (content + the target's own source code) and a
function that makes the files. Only jobs whose key is new run, in worker processes; the files
then come from the cache. An unchanged product is therefore never rendered again.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from ocop_site.processes import die_with_parent

Files = dict[str, bytes | Path]  # name → its bytes, or a file the job wrote, which the cache moves in


@dataclass(frozen=True)
class Job:
    key: str
    make: Callable[..., Files]  # a module-level function, so worker processes can run it
    args: tuple


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
    def __init__(self, root: Path) -> None:
        self.root = root

    def folder(self, key: str) -> Path:
        return self.root / key[:2] / key

    def done(self, key: str) -> bool:
        return (self.folder(key) / ".done").exists()

    def run(self, jobs: list[Job], workers: int = 2) -> int:
        """Make the files of every job not cached yet; returns how many jobs ran."""
        missing = [job for job in jobs if not self.done(job.key)]
        if len(missing) > 1 and workers > 1:
            with ProcessPoolExecutor(max_workers=workers, initializer=die_with_parent,
                                     initargs=(os.getpid(),)) as pool:  # no orphan outlives a killed build
                results = pool.map(_call, [(job.make, job.args) for job in missing])
                for job, files in zip(missing, results, strict=True):
                    self._store(job.key, files)
        else:
            for job in missing:
                self._store(job.key, job.make(*job.args))
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


def _call(work: tuple[Callable[..., Files], tuple]) -> Files:
    make, args = work
    return make(*args)
