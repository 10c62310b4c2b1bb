"""The build's working folder, OUT/.work, kept between builds so a rebuild redoes only what changed.

Generated sources are written only when their bytes differ, so file times tell MkDocs's dirty
mode which pages to render again. A state file records whether the last MkDocs run finished:
if it did not, the next build starts MkDocs from clean.
"""

from __future__ import annotations

import fcntl
import json
import os
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path


class BuildLocked(Exception):
    """Another build is writing to the same output folder."""


@dataclass
class TreeChanges:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.written or self.removed)


def write_tree(folder: Path, files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]]) -> TreeChanges:
    """Make `folder` hold exactly `files` (relative path → content, or such pairs one at a time, so that a
    caller generating thousands of pages need not hold them all), touching only what differs."""
    changes = TreeChanges()
    names: set[str] = set()
    for relative, content in files.items() if isinstance(files, Mapping) else files:
        if relative in names:  # a generator bug: the second would silently replace the first
            raise ValueError(f"{folder / relative} was generated twice")
        names.add(relative)
        data = content.encode("utf-8") if isinstance(content, str) else content
        target = folder / relative
        if target.is_file() and target.stat().st_size == len(data) and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        changes.written.append(relative)
    if folder.is_dir():
        for path in sorted(folder.rglob("*")):
            relative = path.relative_to(folder).as_posix()
            if path.is_file() and relative not in names:
                path.unlink()
                changes.removed.append(relative)
    return changes


class State:
    """Small JSON facts about the work folder (e.g. whether MkDocs last finished)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.data = {}

    def get(self, key: str, default: object = None) -> object:
        return self.data.get(key, default)

    def set(self, key: str, value: object) -> None:
        self.data[key] = value
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(json.dumps(self.data, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path)


@contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """One build at a time per output folder (e.g. 'serve' and 'build' side by side)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / ".lock", "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildLocked(f"another build is writing to {out_dir}; wait for it to finish") from None
        yield
