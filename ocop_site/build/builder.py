"""The build, as a script: load everything, validate everything, render, then write.

Everything is rendered into a staging folder next to the output; the previous site is replaced
only when every step succeeded, so a failed build never damages the last good one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.loader import load_catalog
from ocop_site.model.catalog import Catalog
from ocop_site.targets.site import render_site

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    site: Path
    catalog: Catalog
    seconds: float
    files: int
    bytes: int


def build(content_dir: Path, out_dir: Path, today: dt.date | None = None,
          progress: Progress = lambda message: None) -> BuildResult:
    started = time.monotonic()
    progress(f"Reading {content_dir} …")
    catalog = load_catalog(content_dir, today=today)
    progress(f"Content: {len(catalog.products)} products, valid")
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        staged = render_site(catalog, work, out_dir / ".cache", progress)
        site = _swap_into_place(staged, out_dir / "site")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    files, size = _measure(site)
    seconds = time.monotonic() - started
    progress(f"Site written to {site} ({files} files, {size / 1e6:.1f} MB) in {seconds:.1f} s")
    return BuildResult(site=site, catalog=catalog, seconds=seconds, files=files, bytes=size)


def _swap_into_place(staged: Path, site: Path) -> Path:
    """Replace `site` by `staged` with two renames, so the site is never half-written."""
    old = site.with_name(f".old-site-{os.getpid()}")
    if site.exists():
        site.rename(old)
    staged.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return site


def _measure(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)
