"""What reading a content file made of its text, kept between processes: a YAML document, a story's parts.

Every `validate`, build and editor save reads the whole catalogue again, though an edit changes one file: at
619 products, parsing the 620 YAML files and the 1,238 stories again was more than half of the reading (1.38
CPU-s, 0.61 with the results kept: docs/performance.md). A result is kept in the user's cache folder beside
the photos' checks (`~/.cache/ocop-site/parsed/`), in a file named by the digest of the text, of what else
the result depends on (a story's language and shown path, whether it may be a draft) and of the reading code
itself (`code()`): the same text read again gives the same result, its problems included, without being
parsed; a change to the text or to the code parses it again. A kept file that cannot be read back (damaged,
cut off, changed by hand, copied under another name: its first 32 bytes are the SHA-256 of its name and the
rest; not a regular file) counts as not kept; one that cannot be written costs only the time. A text whose
parsing raised (a YAML syntax error) is never kept. The files are pickles of our own parsers' results:
content never chooses their bytes, and the folder is the user's own (whoever can write there can already run
code as that user). A kept file no reading has used for `UNUSED_FOR` (an edited story's older texts) is
removed, by the first reading of a day.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import os
import pickle
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from ocop_site.disk import remove_temporaries, user_cache_folder, write_atomically

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parent.parent
# the code a result comes from: the content package, the problem records it holds, and the parsers
SOURCES = ("content", "problems.py", "i18n.py")
LIBRARIES = ("PyYAML", "markdown-it-py", "mdurl", "nh3")
DIGEST = 32  # a kept file starts with the SHA-256 of its name and the rest: see _seal
MAX_KEPT = 64 << 20  # far above any result: a content file is at most 1 MB
DAY = 24 * 3600
UNUSED_FOR = 30 * DAY  # a kept file whose time is older than this is removed (a use renews it daily)
PRUNED = ".pruned"  # its time: when the folder was last looked through for such files


@functools.cache
def code() -> str:
    """The digest of the code that parses content: a kept result made by other code is never used."""
    digest = hashlib.sha256(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for library in LIBRARIES:
        digest.update(f"{library} {importlib.metadata.version(library)}\0".encode())
    digest.update(f"libyaml {_libyaml()}\0".encode())  # PyYAML parses with it when it was built with it
    for name in SOURCES:
        root = PACKAGE / name
        for path in sorted(root.rglob("*.py")) if root.is_dir() else [root]:
            digest.update(f"{path.relative_to(PACKAGE)}\0".encode() + path.read_bytes() + b"\0")
    return digest.hexdigest()


def remembered(kind: str, text: str, make: Callable[[], T], *depends: object) -> T:
    """`make()`, or what it returned when last called for the same `kind`, `text` and `depends` (plain
    values: strings, numbers, booleans) by the same code. `make` must be a pure function of those."""
    folder = user_cache_folder("parsed")
    if folder is None:
        return make()
    key = hashlib.sha256("\0".join([code(), kind, *map(repr, depends), text]).encode()).hexdigest()
    path = folder / key[:2] / f"{key}.pickle"
    _prune_once(folder)
    kept = _read_kept(path)
    if kept is not None and _seal(key, kept[DIGEST:]) == kept[:DIGEST]:
        with contextlib.suppress(Exception):  # from other code after all, say: made again below
            result = pickle.loads(kept[DIGEST:])
            _renew(path)
            return result
    made = make()
    try:
        data = pickle.dumps(made, pickle.HIGHEST_PROTOCOL)
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, _seal(key, data) + data, sync=False)
    except OSError:  # not kept (a full disk, say), still returned; a folder made for it is not left empty
        with contextlib.suppress(OSError):
            path.parent.rmdir()
    except (pickle.PicklingError, TypeError, AttributeError):  # a result pickle refuses: not kept
        pass
    return made


def _seal(key: str, data: bytes) -> bytes:
    """The SHA-256 of the file's name and its pickle: a whole kept file copied under another name, or
    changed, is not taken for the result it is named after."""
    return hashlib.sha256(key.encode() + b"\0" + data).digest()


def _read_kept(path: Path) -> bytes | None:
    """The bytes of a kept file if it is a regular file of at most MAX_KEPT bytes; None otherwise (a pipe
    or a device put there is not waited on or read without end)."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_KEPT:
            return None
        with open(descriptor, "rb", closefd=False) as file:
            return file.read(MAX_KEPT + 1)
    except OSError:
        return None
    finally:
        os.close(descriptor)


def _renew(path: Path) -> None:
    """Mark a kept file as used now, at most once a day (one metadata write, not one per reading)."""
    with contextlib.suppress(OSError):
        if time.time() - path.stat().st_mtime > DAY:
            os.utime(path)


@functools.cache
def _prune_once(folder: Path) -> None:
    """Once a process, and once a day: remove the kept files unused for UNUSED_FOR, and the temporaries
    of writers that were killed."""
    marker = folder / PRUNED
    with contextlib.suppress(OSError):
        if 0 <= time.time() - marker.stat().st_mtime < DAY:
            return
    now = time.time()
    with contextlib.suppress(OSError):
        for part in folder.iterdir():
            if not part.is_dir():
                continue
            remove_temporaries(part)
            for path in part.glob("*.pickle"):
                with contextlib.suppress(OSError):
                    if now - path.stat().st_mtime > UNUSED_FOR:
                        path.unlink()
        marker.touch()


def _libyaml() -> str:
    try:
        from yaml import _yaml
    except ImportError:
        return "none"
    return _yaml.get_version_string()
