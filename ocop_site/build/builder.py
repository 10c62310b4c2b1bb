"""The build, as a script: load everything, validate everything, render, then publish.

Everything is rendered into the work folder and the output cache first; OUT/site changes only
after every step succeeded, so a failed build never damages the last good one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ocop_site.build.publish import publish
from ocop_site.build.render import PREVIEW_SKIPS, render_site
from ocop_site.build.workspace import locked
from ocop_site.content.ledger import LEDGER_FILE, append_entries
from ocop_site.content.loader import load_catalog
from ocop_site.model.catalog import Catalog
from ocop_site.problems import Problems
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.site.stubs import published_codes

Progress = Callable[[str], None]
CACHE_SETTING = "OCOP_SITE_CACHE"  # where rendered photos, artwork and PDFs are kept (default OUT/.cache)


@dataclass
class BuildResult:
    site: Path
    catalog: Catalog
    seconds: float
    files: int
    written: int
    warnings: list[str]


def build(content_dir: Path, out_dir: Path, today: dt.date | None = None,
          progress: Progress = lambda message: None, clean: bool = False, crop_marks: bool = False,
          preview: bool = False) -> BuildResult:
    """`preview` (ocop-site serve) skips printables, QR artwork and share cards: the site keeps the last ones."""
    started = time.monotonic()
    progress(f"Reading {content_dir} …")
    catalog = load_catalog(content_dir, today=today)
    site, work = out_dir / "site", out_dir / ".work"
    _check_against_last_build(catalog, site)
    progress(f"Content: {len(catalog.products)} products, valid")
    with locked(out_dir):
        if clean:
            shutil.rmtree(work, ignore_errors=True)
        cache = OutputCache(Path(os.environ.get(CACHE_SETTING) or out_dir / ".cache") / "outputs")
        outputs, warnings = render_site(catalog, work, cache, progress, crop_marks=crop_marks, preview=preview)
        if preview:
            outputs.update(_published_under(site, work / "published.json", PREVIEW_SKIPS))
        written = publish(outputs, site, work / "published.json", immutable={p for p in outputs.values()
                                                                            if p.is_relative_to(cache.root)})
    _append_to_ledger(catalog, progress)
    seconds = time.monotonic() - started
    progress(f"Site written to {site} ({len(outputs)} files, {written} changed) in {seconds:.1f} s")
    return BuildResult(site=site, catalog=catalog, seconds=seconds, files=len(outputs), written=written,
                       warnings=warnings)


def _published_under(site: Path, manifest: Path, prefixes: tuple[str, ...]) -> dict[str, Path]:
    """The files of the last build under `prefixes`, kept as they are by a preview."""
    try:
        published = json.loads(manifest.read_text(encoding="utf-8")) if site.is_dir() else {}
    except (OSError, ValueError):
        published = {}
    return {path: site / path for path in sorted(published)
            if path.startswith(prefixes) and (site / path).is_file()}


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

