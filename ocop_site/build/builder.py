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

from ocop_site.content.ledger import LEDGER_FILE, append_entries
from ocop_site.content.loader import load_catalog
from ocop_site.model.catalog import Catalog
from ocop_site.problems import Problems
from ocop_site.targets.site import render_site
from ocop_site.targets.site.stubs import published_codes

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
    _check_against_last_build(catalog, out_dir / "site")
    progress(f"Content: {len(catalog.products)} products, valid")
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".staging-", dir=out_dir))
    try:
        staged = render_site(catalog, work, out_dir / ".cache", progress)
        site = _swap_into_place(staged, out_dir / "site")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    _append_to_ledger(catalog, progress)
    files, size = _measure(site)
    seconds = time.monotonic() - started
    progress(f"Site written to {site} ({files} files, {size / 1e6:.1f} MB) in {seconds:.1f} s")
    return BuildResult(site=site, catalog=catalog, seconds=seconds, files=files, bytes=size)


def _check_against_last_build(catalog: Catalog, site: Path) -> None:
    """A code the last build answered must still be in the ledger (catches a deleted last entry)."""
    problems = Problems()
    ledger = (catalog.content_dir / LEDGER_FILE).as_posix()
    for code in published_codes(site):
        if code in catalog.codes.ledgered:
            continue
        product = next((p for p in catalog.products.values() if p.record.code == code), None)
        where = (product.source.as_posix(), product.code_line) if product else (ledger, 1)
        problems.error(*where, f"QR code '{code}' is missing from {ledger}, but the last build "
                       f"({site.as_posix()}) answered it: its ledger entry was deleted",
                       "ledger entries are never deleted: restore it from version control "
                       "(git checkout -- content/qr-ledger.yaml)")
    problems.raise_if_any()


def _append_to_ledger(catalog: Catalog, progress: Progress) -> None:
    new = catalog.codes.new_entries
    if new:
        path = catalog.content_dir / LEDGER_FILE
        append_entries(path, new, catalog.today, catalog.codes.next_n)
        progress(f"QR ledger: {len(new)} new " + ("entry" if len(new) == 1 else "entries") + f" appended to {path}")


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
