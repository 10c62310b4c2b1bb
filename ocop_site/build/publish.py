"""Putting a finished build in place: OUT/site only ever changes after every step succeeded.

The first build (or one after `--clean`) assembles a complete staging folder and swaps it in with
two renames. Later builds replace only the files whose source changed, each by a rename, and
remove the ones that are gone. The manifest records what was published, by the source file's
size and time.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

Outputs = dict[str, Path]  # site path → file holding its bytes


def publish(outputs: Outputs, site: Path, manifest_path: Path, immutable: set[Path]) -> int:
    """Bring `site` to exactly `outputs`; returns how many files were written.

    Files listed in `immutable` (the output caches, never rewritten in place) are hard-linked;
    the rest are copied, because the work folder rewrites them on the next build.
    """
    manifest = _read(manifest_path) if site.is_dir() else None
    stamps = {path: _stamp(source) for path, source in outputs.items()}
    if manifest is None:
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=site.parent))
        try:
            for path, source in outputs.items():
                _place(source, staging / path, source in immutable)
            _swap(staging, site)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
        written = len(outputs)
    else:
        written = 0
        for path, source in outputs.items():
            if manifest.get(path) != stamps[path] or not (site / path).is_file():  # changed, or deleted by hand
                _place(source, site / path, source in immutable)
                written += 1
        for path in manifest.keys() - outputs.keys():
            (site / path).unlink(missing_ok=True)
    manifest_path.parent.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(stamps, sort_keys=True), encoding="utf-8")
    return written


def _stamp(source: Path) -> list[int]:
    info = source.stat()
    return [info.st_size, info.st_mtime_ns, info.st_ino]


def _read(path: Path) -> dict[str, list[int]] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _place(source: Path, target: Path, link: bool) -> None:
    """Write `target` by renaming a finished temporary file over it: readers never see half a file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    if link:
        os.link(source, temporary)
    else:
        shutil.copyfile(source, temporary)
    os.replace(temporary, target)


def _swap(staged: Path, site: Path) -> None:
    old = site.with_name(f".old-site-{os.getpid()}")
    if site.exists():
        site.rename(old)
    staged.rename(site)
    shutil.rmtree(old, ignore_errors=True)
