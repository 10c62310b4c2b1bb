"""One validation: a save is checked by `ocop-site validate`'s own loader, on the content as it would
be after the save.

The content folder is mirrored into a scratch folder next to it (hard links, so even thousands of
photos take milliseconds and no space), the saved files are written into the mirror, and
`load_catalog` reads it. The save is refused when this reports an error that the content on disk does
not have now; errors already there (say, in another product) are left to `ocop-site validate` and do
not block unrelated saves. Paths in the messages are shown as `validate` shows them when run from the
folder above the content folder (`content/products/x.yaml:7: …`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ocop_site.model.loader import load_catalog
from ocop_site.problems import ContentErrors, Phrase, Problem, Term, Values

SCRATCH_PREFIX = ".ocop-edit-check-"  # + the editor's process id: a crashed editor's are removed at start


class CheckFailed(Exception):
    """The loader itself failed on the content as it would be after the save (not a content error)."""


class ContentCheck:
    """Checks saves against one content folder; remembers the errors of the content on disk."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve()
        self._known: tuple[object, Counter[tuple[str, str, str]]] | None = None
        self._pending: list[Problem] = []
        self.warnings: list[Problem] = []  # the warnings of the content as the last check saw it
        self._leftovers: list[Path] = []  # scratch folders to remove once the save lock is free
        remove_stale_scratch(self.root.parent)

    def new_errors(self, changes: dict[str, bytes]) -> list[Problem]:
        """The errors `validate` would report after writing `changes` (relative path → bytes) that it does
        not report now. Raises CheckFailed if the loader fails instead of reporting."""
        before = self._errors_now()
        with _mirror(self.root, changes, self._leftovers) as (copy, prefix):
            try:
                after, self.warnings = _problems(copy, prefix)
            except Exception as failure:  # a loader bug must never let a save through
                raise CheckFailed(f"{type(failure).__name__}: {failure}") from failure
        self._pending = after
        return _beyond(after, before)

    def tidy(self) -> None:
        """Remove the scratch copies of finished checks (slow for big content: done outside the save lock)."""
        while True:
            try:
                scratch = self._leftovers.pop()
            except IndexError:
                return
            shutil.rmtree(scratch, ignore_errors=True)

    def saved(self) -> None:
        """The changes of the last `new_errors` are on disk now: its errors are the content's."""
        self._known = (_fingerprint(self.root), _counted(self._pending))

    def _errors_now(self) -> Counter[tuple[str, str, str]]:
        fingerprint = _fingerprint(self.root)
        if self._known is None or self._known[0] != fingerprint:
            try:
                errors = _problems(self.root, _prefix(self.root.parent))[0]
            except Exception:  # the content cannot be checked as it is: count nothing as known
                errors = []
            self._known = (fingerprint, _counted(errors))
        return self._known[1]


def _beyond(after: list[Problem], before: Counter[tuple[str, str, str]]) -> list[Problem]:
    """The problems of `after` not in `before`. Line numbers are left out of the comparison, so an error
    that was there before keeps counting as known when a save moves it to another line."""
    left = Counter(before)
    new: list[Problem] = []
    for problem in after:
        key = _key(problem)
        if left[key]:
            left[key] -= 1
        else:
            new.append(problem)
    return new


def _key(problem: Problem) -> tuple[str, str, str]:
    return problem.path, problem.message, problem.fix


def _counted(problems: list[Problem]) -> Counter[tuple[str, str, str]]:
    return Counter(_key(problem) for problem in problems)


def _problems(content_dir: Path, prefix: str) -> tuple[list[Problem], list[Problem]]:
    """The errors and the warnings `load_catalog` reports for `content_dir` (as `validate` does), with
    `prefix` taken off every path."""
    try:
        warnings = load_catalog(content_dir).warnings
    except ContentErrors as errors:
        return _unprefixed(errors.errors, prefix), _unprefixed(errors.warnings, prefix)
    return [], _unprefixed(warnings, prefix)


def _unprefixed(problems: list[Problem], prefix: str) -> list[Problem]:
    """The problems with `prefix` taken off their paths, also where a path is a value of the message:
    the template and its values are kept, so that the form can show the message in Vietnamese."""
    return [dataclasses.replace(p, path=p.path.replace(prefix, ""), values=_values_unprefixed(p.values, prefix))
            for p in problems]


def _values_unprefixed(values: Values, prefix: str) -> Values:
    def unprefixed(value: object) -> object:
        if isinstance(value, Phrase):
            return dataclasses.replace(value, values=_values_unprefixed(value.values, prefix))
        if isinstance(value, str) and not isinstance(value, Term):
            return value.replace(prefix, "")
        return value
    return tuple((name, unprefixed(value)) for name, value in values)


def _prefix(folder: Path) -> str:
    return str(folder).rstrip(os.sep) + os.sep


def _fingerprint(root: Path) -> object:
    """What the loader reads, cheaply: every entry's name, size, time and inode (and today's date)."""
    entries = [dt.date.today()]
    for directory, dirnames, filenames in os.walk(root):
        for name in sorted(dirnames + filenames):
            try:
                stat = os.lstat(os.path.join(directory, name))
            except OSError:
                continue
            entries.append((directory, name, stat.st_size, stat.st_mtime_ns, stat.st_ino, stat.st_mode))
    return tuple(entries)


@contextmanager
def _mirror(root: Path, changes: dict[str, bytes], leftovers: list[Path]) -> Iterator[tuple[Path, str]]:
    """A scratch copy of `root` with `changes` applied, and the prefix to take off its paths; afterwards
    the copy is put on `leftovers` for removal."""
    scratch = _scratch_folder(root.parent)
    try:
        copy = scratch / root.name
        _link_tree(root, copy)
        for relative, content in changes.items():
            target = copy / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            if target.is_symlink() or target.exists():
                target.unlink()  # never write through a hard link into the real file
            target.write_bytes(content)
        yield copy, _prefix(scratch)
    finally:
        leftovers.append(scratch)


def _scratch_folder(near: Path) -> Path:
    """A new folder on the content's own file system if possible (hard links cannot cross file systems)."""
    prefix = f"{SCRATCH_PREFIX}{os.getpid()}-"
    try:
        return Path(tempfile.mkdtemp(prefix=prefix, dir=near))
    except OSError:
        return Path(tempfile.mkdtemp(prefix=prefix))


def _link_tree(source: Path, copy: Path) -> None:
    """Mirror `source` into `copy`: folders made, files hard-linked (copied across file systems), links
    kept as links (a link to a place inside `source` points to the same place inside `copy`)."""
    for directory, dirnames, filenames in os.walk(source):
        here = Path(directory)
        mirrored = copy / here.relative_to(source)
        mirrored.mkdir(exist_ok=True)
        for name in dirnames + filenames:
            original = here / name
            if original.is_symlink():
                target = os.readlink(original)
                if os.path.isabs(target) and Path(target).is_relative_to(source):
                    target = str(copy / Path(target).relative_to(source))
                os.symlink(target, mirrored / name)
            elif name in filenames and original.is_file():
                try:
                    os.link(original, mirrored / name)
                except OSError:
                    shutil.copy2(original, mirrored / name)


def remove_stale_scratch(folder: Path) -> None:
    """Scratch folders left by an editor that was killed during a check."""
    for stale in folder.glob(SCRATCH_PREFIX + "*"):
        pid = stale.name[len(SCRATCH_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _running(int(pid)) and stale.is_dir() and not stale.is_symlink():
            shutil.rmtree(stale, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
