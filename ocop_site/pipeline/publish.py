"""Putting a finished build in place, atomically as a whole.

OUT/site is a symbolic link to a generation folder, OUT/site-<n>. A build assembles the next
generation beside it and then points OUT/site at it with one rename, so a visitor gets either the
whole previous site or the whole new one, and nothing temporary is ever inside the site.

The next generation is made from the spare one: the generation before the current, which no
visitor sees any more. It is renamed to the next number and brought to exactly the new outputs —
a file stays only when it is the very file (same inode, same size) the new generation would link:
the current generation's copy of an unchanged file, or the render cache's file; every other file is
linked or copied again, and whatever the outputs do not name is removed. Nothing in the spare is
trusted by its name, so a spare a killed build left half-made is as good as any. An edit therefore
costs the files it changed, not a new folder for each of the site's pages (about 1 s for the 10,000
files of 619 products on a virtual disk). Without a spare (the first build), the generation is made
from nothing: unchanged files as hard links of the current generation's (or of the render cache's),
changed ones copied. Each generation is flushed to disk before it is shown.

Publishing keeps the current generation and the spare; older generations, and anything a crashed
build left in OUT, are removed. An OUT/site left as a plain folder by an older version is exchanged
for the link in one step (renameat2 RENAME_EXCHANGE).

The manifest (OUT/.work/published.json) records, for the generation it names, each file's source
by size, time and inode (a source with the same stamp need not be copied again) and the target
that made it (so a build that publishes only some targets can keep the others' files).
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import json
import os
import re
import shutil
import stat
from collections.abc import Callable
from pathlib import Path

from ocop_site.disk import remove_temporaries, sync_file_system, write_atomically
from ocop_site.files import DamagedFile, read_json

Outputs = dict[str, Path]  # site path → file holding its bytes
FILE_MODE, FOLDER_MODE = 0o644, 0o755  # world-readable whatever the umask: the web server may be another user
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100
_LEGACY_STRAYS = (".staging-", ".old-site-")  # what the publisher of older versions could leave behind
_UNUSABLE = ".unusable-"  # a spare that could not be brought up to date nor removed


def publish(outputs: Outputs, site: Path, manifest_path: Path, immutable: set[Path],
            checkpoint: Callable[[str], None] = lambda step: None, owners: dict[str, str] | None = None) -> int:
    """Make `site` hold exactly `outputs`; returns how many files changed since the last publish. The
    generation it replaces stays as the spare of the next publish.

    Files listed in `immutable` (the output caches, never rewritten in place) are hard-linked; the
    rest are copied unless the current generation holds them unchanged."""
    out = site.parent
    current = current_generation(site)
    spare = _spare(site, current)
    remove_strays(site, keep={current, spare})
    manifest = _read(manifest_path, current)
    staging = out / f"{site.name}-{_next_number(site)}"
    stamps: dict[str, list[int]] = {}
    try:
        try:
            written = _assemble(outputs, staging, spare, current, manifest, immutable, stamps, site)
        except OSError as error:
            failed = str(error.filename or "")
            inside = failed == str(staging) or failed.startswith(f"{staging}{os.sep}")
            if spare is None or error.errno == errno.ENOSPC or not inside:
                raise
            # a spare this user cannot change (a folder made unreadable by hand, say): set it aside, start afresh
            _set_aside(staging, site)
            spare = None
            written = _assemble(outputs, staging, None, current, manifest, immutable, stamps, site)
        checkpoint("publishing")
        _sync(staging)
        # the manifest names its generation: until the swap is done, it describes no published site
        _write_manifest(manifest_path, staging.name, stamps, owners or {})
        _swap_in(staging, site)
    except BaseException:
        # interrupted before the swap (not in the folder's flush after it); a spare half brought up to date is
        # still a spare
        if current_generation(site) != staging and (spare is None or not _renamed(staging, spare)):
            shutil.rmtree(staging, ignore_errors=True)
        raise
    return written


def _assemble(outputs: Outputs, staging: Path, spare: Path | None, current: Path | None,
              manifest: dict[str, list[int]], immutable: set[Path], stamps: dict[str, list[int]], site: Path) -> int:
    """Make `staging` (from `spare` when there is one) hold exactly `outputs`; returns how many files changed.

    A file the outputs take from the live site itself (`site`/path: a part this build has not rendered yet) is
    unchanged, and keeps the stamp the manifest has for it: that of the file it was first published from, so that
    the part's next publish finds its unchanged files unchanged instead of copying them again."""
    written = 0
    if spare is not None:
        spare.rename(staging)
        folders, leftovers = _tree(staging)
    else:
        _make_folder(staging)
        folders, leftovers = {""}, set()
    root = str(staging)  # site paths as strings below: pathlib costs more than the system calls here
    live = f"{site}/"
    for path, source in sorted(outputs.items()):
        carried = current is not None and _is_stamp(manifest.get(path)) and str(source) == f"{live}{path}"
        stamp = stamps[path] = manifest[path] if carried else _stamp(source)
        target = f"{root}/{path}"
        unchanged = carried or (manifest.get(path) == stamp and current is not None)
        if path in leftovers:  # a file of the spare: kept only if it is the very file this publish would link
            leftovers.discard(path)
            wanted = f"{current}/{path}" if unchanged else source if source in immutable else None
            if wanted is not None and _same_file(target, wanted, stamp[0]):
                written += not unchanged
                continue
            os.unlink(target)
        else:
            parent = path.rpartition("/")[0]
            if parent not in folders:
                _make_folders(parent, root, folders, leftovers)
            if path in folders:  # the spare has a folder where this file goes
                _remove_folder(path, root, folders, leftovers)
        if unchanged and _link(f"{current}/{path}", target):
            if os.stat(target).st_size == stamp[0]:
                continue
            os.unlink(target)  # the published copy was damaged (cut short by hand, say): copy it again
        if not (source in immutable and _link(source, target)):
            _copy(source, target)
        written += 1
    _remove_leftovers(root, outputs, folders, leftovers)
    return written


def _is_stamp(value: object) -> bool:
    """A manifest's [size, mtime_ns, inode] (a manifest edited by hand may hold anything)."""
    return isinstance(value, list) and len(value) == 3 and all(type(number) is int for number in value)


def _set_aside(folder: Path, site: Path) -> None:
    """Remove what can be removed of a spare that failed; what cannot is renamed out of the generations' way
    (the next publish tries to remove it again)."""
    shutil.rmtree(folder, ignore_errors=True)
    if os.path.lexists(folder):
        folder.rename(folder.with_name(f"{_UNUSABLE}{site.name}-{os.getpid()}-{folder.name}"))


def _spare(site: Path, current: Path | None) -> Path | None:
    """The newest generation folder other than the current one: the next publish's starting point."""
    pattern = re.compile(re.escape(site.name) + r"-(\d+)")
    found = [(int(match[1]), path) for path in site.parent.iterdir()
             if (match := pattern.fullmatch(path.name)) and path != current and path.is_dir() and not path.is_symlink()]
    return max(found)[1] if found else None


def _tree(root: Path) -> tuple[set[str], set[str]]:
    """The site paths of the folders below `root` ("" for itself) and of its files (anything not a folder, a
    symbolic link too, counts as a file: it is replaced, never written through)."""
    folders, files = {""}, set()
    _own_mode(str(root), FOLDER_MODE)  # a folder's mode is the spare's: world-readable, whatever it was
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                name = f"{prefix}{entry.name}"
                if entry.is_dir(follow_symlinks=False):
                    _own_mode(entry.path, FOLDER_MODE)
                    folders.add(name)
                    pending.append((entry.path, f"{name}/"))
                else:
                    files.add(name)
    return folders, files


def _same_file(target: str, wanted: str | Path, size: int) -> bool:
    """`target` is the regular file `wanted` (a hard link of it) with `size` bytes; its mode is set right."""
    try:
        have, want = os.lstat(target), os.lstat(wanted)
    except OSError:
        return False
    same = (have.st_ino, have.st_dev) == (want.st_ino, want.st_dev) and have.st_size == size
    if same and stat.S_ISREG(have.st_mode):
        _own_mode(target, FILE_MODE, have)
        return True
    return False


def _own_mode(path: str, mode: int, info: os.stat_result | None = None) -> None:
    info = info or os.lstat(path)
    if info.st_mode & 0o7777 != mode:
        os.chmod(path, mode)


def _remove_folder(folder: str, root: str, folders: set[str], leftovers: set[str]) -> None:
    shutil.rmtree(f"{root}/{folder}")
    below = f"{folder}/"
    folders.difference_update({name for name in folders if name == folder or name.startswith(below)})
    leftovers.difference_update({name for name in leftovers if name.startswith(below)})


def _remove_leftovers(root: str, outputs: Outputs, folders: set[str], leftovers: set[str]) -> None:
    """What the spare held and the outputs do not: its files, then its folders that hold no output."""
    for path in leftovers:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{root}/{path}")
    needed = {""}
    for path in outputs:
        while (path := path.rpartition("/")[0]) not in needed:
            needed.add(path)
    for folder in sorted(folders - needed, key=lambda name: name.count("/"), reverse=True):
        shutil.rmtree(f"{root}/{folder}", ignore_errors=True)


def _renamed(source: Path, target: Path) -> bool:
    try:
        source.rename(target)
    except OSError:
        return False
    return True


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


def describes(manifest_path: Path, site: Path) -> bool:
    """The manifest is the one of the generation `site` shows (it is written just before the swap)."""
    data, current = _manifest(manifest_path), current_generation(site)
    return isinstance(data, dict) and current is not None and data.get("generation") == current.name


def published_owners(manifest_path: Path) -> dict[str, str]:
    """Site path → the target that made it, for the last publish ({} if unknown or written before owners were kept)."""
    data = _manifest(manifest_path)
    owners = data.get("owners") if isinstance(data, dict) else None
    return owners if isinstance(owners, dict) else {}


def remove_strays(site: Path, keep: set[Path | None]) -> None:
    """Remove every generation but those in `keep`, and the leftovers of a publish that was interrupted."""
    pattern = re.compile(re.escape(site.name) + r"-\d+")
    for path in site.parent.iterdir():
        name = path.name
        leftover = name.startswith((f".{site.name}-link-", f"{_UNUSABLE}{site.name}-", *_LEGACY_STRAYS))
        stray = (pattern.fullmatch(name) and path not in keep) or leftover
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


def _make_folder(path: str | Path) -> None:
    os.mkdir(path)
    os.chmod(path, FOLDER_MODE)


def _make_folders(folder: str, root: str, made: set[str], leftovers: set[str]) -> None:
    missing = []
    while folder not in made:
        missing.append(folder)
        folder = folder.rpartition("/")[0]
    for name in reversed(missing):
        if name in leftovers:  # the spare has a file where this folder goes
            os.unlink(f"{root}/{name}")
            leftovers.discard(name)
        _make_folder(f"{root}/{name}")
        made.add(name)


def _link(source: str | Path, target: str) -> bool:
    """Hard-link `source` as `target`; False if it cannot be (gone, or on another file system)."""
    try:
        os.link(source, target)
    except FileNotFoundError:
        return False
    except OSError as error:
        if error.errno in (errno.EXDEV, errno.EPERM, errno.EMLINK):
            return False
        raise
    info = os.lstat(target)
    if not stat.S_ISREG(info.st_mode):  # a symbolic link put in a published site by hand: never published
        os.unlink(target)
        return False
    _own_mode(target, FILE_MODE, info)
    return True


def _copy(source: Path, target: str) -> None:
    try:
        shutil.copyfile(source, target)
    except OSError as error:  # name the file being written (shutil names the source first, even for ENOSPC)
        if error.filename and not error.filename2:
            raise
        raise OSError(error.errno, error.strerror, target) from error
    os.chmod(target, FILE_MODE)


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

