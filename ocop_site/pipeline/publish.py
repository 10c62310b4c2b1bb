"""Putting a finished build in place, atomically as a whole.

OUT/site is a symbolic link to a generation folder, OUT/site-<n>. A build assembles the next
generation beside it — unchanged files as hard links of the current generation's (or of the render
cache's), changed ones copied and flushed to disk — and then points OUT/site at it with one
rename. A visitor therefore gets either the whole previous site or the whole new one, and nothing
temporary is ever inside the site. The generation it replaced stays until the next publish starts
(or the build calls remove_strays at its end): deleting a whole site tree is slow on a busy disk, and
the swap should be announced as soon as it is done. Older generations, and anything a crashed build
left in OUT, are removed by the next one. An OUT/site left as a plain folder by an older version is exchanged for
the link in one step too (renameat2 RENAME_EXCHANGE).

The manifest (OUT/.work/published.json) records, for the generation it names, each file's source
by size, time and inode (a source with the same stamp need not be copied again) and the target
that made it (so a build that publishes only some targets can keep the others' files).
"""

from __future__ import annotations

import ctypes
import errno
import json
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

from ocop_site.disk import remove_temporaries, sync_file_system, write_atomically
from ocop_site.files import DamagedFile, read_json

Outputs = dict[str, Path]  # site path → file holding its bytes
FILE_MODE, FOLDER_MODE = 0o644, 0o755  # world-readable whatever the umask: the web server may be another user
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_LEGACY_STRAYS = (".staging-", ".old-site-")  # what the publisher of older versions could leave behind


def publish(outputs: Outputs, site: Path, manifest_path: Path, immutable: set[Path],
            checkpoint: Callable[[str], None] = lambda step: None, owners: dict[str, str] | None = None) -> int:
    """Make `site` hold exactly `outputs`; returns how many files changed since the last publish. The
    generation it replaces is left for the caller's (or the next publish's) remove_strays.

    Files listed in `immutable` (the output caches, never rewritten in place) are hard-linked; the
    rest are copied unless the current generation holds them unchanged."""
    out = site.parent
    current = current_generation(site)
    remove_strays(site, keep=current)
    manifest = _read(manifest_path, current)
    staging = out / f"{site.name}-{_next_number(site)}"
    stamps: dict[str, list[int]] = {}
    written = 0
    try:
        _make_folder(staging)
        folders = {staging}
        for path, source in sorted(outputs.items()):
            stamps[path] = _stamp(source)
            target = staging / path
            if target.parent not in folders:
                _make_folders(target.parent, staging, folders)
            unchanged = manifest.get(path) == stamps[path] and current is not None
            if unchanged and _link(current / path, target):  # type: ignore[operator]
                if target.stat().st_size == stamps[path][0]:
                    continue
                target.unlink()  # the published copy was damaged (cut short by hand, say): copy it again
            if not (source in immutable and _link(source, target)):
                _copy(source, target)
            written += 1
        checkpoint("publishing")
        _sync(staging)
        manifest_path.unlink(missing_ok=True)  # until the swap is done, nothing is known to be published
        _swap_in(staging, site)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _write_manifest(manifest_path, staging.name, stamps, owners or {})
    return written


def current_generation(site: Path) -> Path | None:
    """The folder OUT/site shows now: a generation, or OUT/site itself if an older version made it a folder."""
    if site.is_symlink():
        target = site.parent / os.readlink(site)
        return target if target.is_dir() else None
    return site if site.is_dir() else None


def published_files(manifest_path: Path) -> dict[str, list[int]]:
    """Site path → stamp of every file the last publish put in place ({} if unknown)."""
    return _files_of(_manifest(manifest_path))


def _files_of(data: object) -> dict[str, list[int]]:
    files = data.get("files") if isinstance(data, dict) else None
    return files if isinstance(files, dict) else {}


def published_owners(manifest_path: Path) -> dict[str, str]:
    """Site path → the target that made it, for the last publish ({} if unknown or written before owners were kept)."""
    data = _manifest(manifest_path)
    owners = data.get("owners") if isinstance(data, dict) else None
    return owners if isinstance(owners, dict) else {}


def remove_strays(site: Path, keep: Path | None) -> None:
    """Remove every generation but `keep`, and the leftovers of a publish that was interrupted."""
    pattern = re.compile(re.escape(site.name) + r"-\d+")
    for path in site.parent.iterdir():
        name = path.name
        stray = (pattern.fullmatch(name) and path != keep) or name.startswith((f".{site.name}-link-", *_LEGACY_STRAYS))
        if stray:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _read(manifest_path: Path, current: Path | None) -> dict[str, list[int]]:
    """The manifest, if it describes the generation OUT/site shows now."""
    data = _manifest(manifest_path)
    if current is None or not isinstance(data, dict) or data.get("generation") != current.name:
        return {}
    return _files_of(data)  # the manifest read once


def _manifest(manifest_path: Path) -> object | None:
    """The manifest as written, or None: a damaged one only means every file is copied again."""
    try:
        return read_json(manifest_path)
    except DamagedFile:
        return None


def _write_manifest(manifest_path: Path, generation: str, stamps: dict[str, list[int]],
                    owners: dict[str, str]) -> None:
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    remove_temporaries(manifest_path.parent, locked=True)  # a build killed while writing it (OUT is locked)
    kept = {path: owners[path] for path in stamps if path in owners}
    data = {"generation": generation, "files": stamps, "owners": kept}
    write_atomically(manifest_path, json.dumps(data, sort_keys=True).encode())


def _next_number(site: Path) -> int:
    numbers = [int(path.name.rsplit("-", 1)[1]) for path in site.parent.glob(f"{site.name}-*")
               if re.fullmatch(re.escape(site.name) + r"-\d+", path.name)]
    return max(numbers, default=0) + 1


def _stamp(source: Path) -> list[int]:
    info = source.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _make_folder(path: Path) -> None:
    path.mkdir()
    path.chmod(FOLDER_MODE)


def _make_folders(folder: Path, root: Path, made: set[Path]) -> None:
    missing = []
    while folder not in made and folder != root:
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        _make_folder(path)
        made.add(path)


def _link(source: Path, target: Path) -> bool:
    """Hard-link `source` as `target`; False if it cannot be (gone, or on another file system)."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            return False
        raise
    if target.stat().st_mode & 0o777 != FILE_MODE:
        target.chmod(FILE_MODE)
    return True


def _copy(source: Path, target: Path) -> None:
    try:
        shutil.copyfile(source, target)
    except OSError as error:  # name the file being written (shutil names the source first, even for ENOSPC)
        if error.filename and not error.filename2:
            raise
        raise OSError(error.errno, error.strerror, str(target)) from error
    target.chmod(FILE_MODE)


def _sync(folder: Path) -> None:
    """Flush the new generation to disk before it is shown: a power cut must not show empty files.
    One syncfs call for the file system, not one fsync per file."""
    sync_file_system(folder)


def _swap_in(staging: Path, site: Path) -> None:
    """Point `site` at `staging` with one rename; a plain `site` folder is exchanged for the link."""
    link = site.with_name(f".{site.name}-link-{os.getpid()}")
    link.unlink(missing_ok=True)
    os.symlink(staging.name, link)
    if site.is_symlink() or not site.exists():
        os.replace(link, site)
    elif not _exchange(link, site):  # a file system without RENAME_EXCHANGE: two renames
        old = site.with_name(f".{site.name}-link-{os.getpid()}-old")
        site.rename(old)
        os.replace(link, site)
        shutil.rmtree(old, ignore_errors=True)
    else:
        shutil.rmtree(link, ignore_errors=True)  # `link` now names the old folder
    descriptor = os.open(site.parent, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _exchange(first: Path, second: Path) -> bool:
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:
        return False
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(second))

