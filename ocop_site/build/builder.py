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
from ocop_site.build.stamp import build_stamp
from ocop_site.build.workspace import State, locked
from ocop_site.content.ledger import LEDGER_FILE, append_entries
from ocop_site.content.loader import load_catalog
from ocop_site.model.catalog import Catalog
from ocop_site.problems import Problems
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.site.stubs import published_codes

Progress = Callable[[str], None]
PUBLISHED = "published.json"  # the manifest of what the last build put in OUT/site
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
          preview: bool = False, print_profile: bool = False) -> BuildResult:
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
        state = State(work / "state.json")
        if not preview and _up_to_date(state, build_stamp(content_dir, catalog.today, crop_marks, print_profile),
                                       site, work):
            seconds = time.monotonic() - started
            progress(f"Nothing changed since the last build: {site} is up to date ({seconds:.1f} s)")
            return BuildResult(site=site, catalog=catalog, seconds=seconds, files=len(_read_json(work / PUBLISHED)),
                               written=0, warnings=list(state.get("warnings") or []))
        state.set("built", None)  # until this build has finished
        cache = OutputCache(Path(os.environ.get(CACHE_SETTING) or out_dir / ".cache") / "outputs")
        outputs, warnings = render_site(catalog, work, cache, progress, crop_marks=crop_marks, preview=preview,
                                        print_profile=print_profile)
        if preview:
            outputs.update(_published_under(site, work / PUBLISHED, PREVIEW_SKIPS))
        written = publish(outputs, site, work / PUBLISHED, immutable={p for p in outputs.values()
                                                                            if p.is_relative_to(cache.root)})
    _append_to_ledger(catalog, progress)
    if not preview:  # a preview leaves printables and artwork behind: the next build must make them
        state = State(work / "state.json")  # as the render step left it
        state.set("warnings", warnings)
        state.set("built", build_stamp(content_dir, catalog.today, crop_marks, print_profile))
    seconds = time.monotonic() - started
    progress(f"Site written to {site} ({len(outputs)} files, {written} changed) in {seconds:.1f} s")
    return BuildResult(site=site, catalog=catalog, seconds=seconds, files=len(outputs), written=written,
                       warnings=warnings)


def _up_to_date(state: State, stamp: str, site: Path, work: Path) -> bool:
    """The last build finished with the same inputs, and its site has every file it published."""
    return state.get("built") == stamp and all((site / path).is_file() for path in _read_json(work / PUBLISHED))


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


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

