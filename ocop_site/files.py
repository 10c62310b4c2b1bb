"""File helpers every layer may use: write a tree of generated files, read a JSON file we wrote.

Neutral ground below the targets and the pipeline (it imports nothing of the project), so a target
writes its files without importing the pipeline that runs it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path


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


def tree_files(folder: Path, prefix: str = "") -> dict[str, Path]:
    """`prefix` + each file's path below `folder` (with "/") → the file; {} when there is no such folder. (os.walk:
    pathlib's rglob costs 0.1 s for the 5,000 files of 619 products' MkDocs output.)"""
    found = {}
    for base, _folders, names in os.walk(folder):
        relative = os.path.relpath(base, folder)
        start = prefix if relative == "." else f"{prefix}{relative.replace(os.sep, '/')}/"
        for name in names:
            path = os.path.join(base, name)
            if os.path.isfile(path):
                found[start + name] = Path(path)
    return found


class DamagedFile(Exception):
    """A file that is there but cannot be read or is not what was written. `reason` is an English template of
    the message catalogue ("not valid JSON at line {line}, column {column}"), filled in from `values`; an
    OSError among them is the system's reason, which the message shows in the reader's language."""

    def __init__(self, path: Path, reason: str, /, **values: object) -> None:
        self.path = path
        self.reason, self.values = reason, values
        english = {name: value.strerror if isinstance(value, OSError) else value for name, value in values.items()}
        super().__init__(f"{path.as_posix()}: {reason.format(**english)}")


def read_json(path: Path) -> object | None:
    """The JSON value in `path`, or None when there is no such file.

    A file that exists but cannot be read or parsed raises DamagedFile: each caller decides whether
    damage means "start again" (a cache) or "stop" (a safety check must not switch itself off)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except UnicodeDecodeError:
        raise DamagedFile(path, "not UTF-8 text") from None
    except OSError as error:
        raise DamagedFile(path, "unreadable: {reason}", reason=error) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise DamagedFile(path, "not valid JSON at line {line}, column {column}", line=error.lineno,
                          column=error.colno) from None
