"""The build, as a script: load everything, validate everything, write the QR ledger, render, then publish.

Inside a lock on the content folder, the build reads the catalogue and appends the codes it will
publish to the QR ledger, so every code a site ever shows is in the ledger first. Everything is
then rendered into the work folder and the output cache; OUT/site changes only after every step
succeeded, in one swap (publish.py), so a failed or killed build never damages the last good one,
and the next build publishes every code in the ledger.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.ledger import (
    LEDGER_FILE,
    NO_DIGESTS,
    RESTORE_FIX,
    add_digests,
    append_entries,
    ledger_json,
    stray_temporaries,
)
from ocop_site.content.loader import load_catalog
from ocop_site.model.catalog import Catalog
from ocop_site.pipeline.checkpoint import checkpoint
from ocop_site.pipeline.publish import publish, published_files
from ocop_site.pipeline.render import PREVIEW_SKIPS, render_site
from ocop_site.pipeline.stamp import build_stamp
from ocop_site.pipeline.workspace import State, content_locked, locked
from ocop_site.problems import Problems
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.site.stubs import published_codes

Progress = Callable[[str], None]
PUBLISHED = "published.json"  # the manifest of what the last build put in OUT/site
CACHE_SETTING = "OCOP_SITE_CACHE"  # where rendered photos, artwork and PDFs are kept (default OUT/.cache)
LEDGER_JSON = "qr/ledger.json"  # the ledger with its chain, published for anyone to check


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
    site, work = out_dir / "site", out_dir / ".work"
    with ExitStack() as output_lock:
        with content_locked(content_dir, waiting=lambda: progress(
                f"Waiting for another build to finish with {content_dir} (its QR ledger) …")):
            catalog = load_catalog(content_dir, today=today)
            output_lock.enter_context(locked(out_dir))
            _check_against_last_build(catalog, site)
            progress(f"Content: {len(catalog.products)} products, valid")
            checkpoint("read")
            _write_ledger(catalog, progress)
            checkpoint("ledger")
        if clean:
            shutil.rmtree(work, ignore_errors=True)
        state = State(work / "state.json")
        if not preview and _up_to_date(state, build_stamp(content_dir, catalog.today, crop_marks, print_profile),
                                       site, work):
            seconds = time.monotonic() - started
            progress(f"Nothing changed since the last build: {site} is up to date ({seconds:.1f} s)")
            return BuildResult(site=site, catalog=catalog, seconds=seconds,
                               files=len(published_files(work / PUBLISHED)),
                               written=0, warnings=list(state.get("warnings") or []))
        state.set("built", None)  # until this build has finished
        cache = OutputCache(Path(os.environ.get(CACHE_SETTING) or out_dir / ".cache") / "outputs")
        outputs, warnings = render_site(catalog, work, cache, progress, crop_marks=crop_marks, preview=preview,
                                        print_profile=print_profile)
        outputs[LEDGER_JSON] = _write_file(work / "ledger" / LEDGER_JSON, ledger_json(catalog.codes.entries))
        if preview:  # what a preview does not render, the last build's files provide
            for path, source in _published_under(site, work / PUBLISHED, PREVIEW_SKIPS).items():
                outputs.setdefault(path, source)
        checkpoint("rendered")
        written = publish(outputs, site, work / PUBLISHED, immutable={p for p in outputs.values()
                                                                            if p.is_relative_to(cache.root)},
                          checkpoint=checkpoint)
        checkpoint("published")
        if not preview:  # a preview leaves printables and artwork behind: the next build must make them
            state = State(work / "state.json")  # as the render step left it
            state.set("warnings", warnings)
            state.set("built", build_stamp(content_dir, catalog.today, crop_marks, print_profile))
    seconds = time.monotonic() - started
    progress(f"Site written to {site} ({len(outputs)} files, {written} changed) in {seconds:.1f} s")
    return BuildResult(site=site, catalog=catalog, seconds=seconds, files=len(outputs), written=written,
                       warnings=warnings)


def _write_file(path: Path, text: str) -> Path:
    """A work file, rewritten only when its bytes change (its stamp then tells the publisher)."""
    data = text.encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return path


def _up_to_date(state: State, stamp: str, site: Path, work: Path) -> bool:
    """The last build finished with the same inputs, and its site has every file it published."""
    published = published_files(work / PUBLISHED)
    return state.get("built") == stamp and bool(published) and all((site / path).is_file() for path in published)


def _published_under(site: Path, manifest: Path, prefixes: tuple[str, ...]) -> dict[str, Path]:
    """The files of the last build under `prefixes`, kept as they are by a preview."""
    published = published_files(manifest) if site.is_dir() else {}
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
        problems.error(*where, "QR code '{code}' is missing from {ledger}, but the last build ({site}) answered it: "
                       "its ledger entry was deleted", "ledger entries are never deleted: restore it from version "
                       "control (git checkout -- {ledger})", code=code, ledger=ledger, site=site.as_posix())
    _check_published_ledger(catalog, site, ledger, problems)
    problems.raise_if_any()


def _check_published_ledger(catalog: Catalog, site: Path, ledger: str, problems: Problems) -> None:
    """The ledger the last build published must be the beginning of this one, entry for entry: this
    catches an issued entry changed together with every digest after it (the chain alone cannot)."""
    try:
        published = json.loads((site / LEDGER_JSON).read_text(encoding="utf-8"))["entries"]
    except (OSError, ValueError, KeyError, TypeError):
        return
    current = {entry.n: entry for entry in catalog.codes.entries}
    shown = f"{site.as_posix()}/{LEDGER_JSON}"
    for old in published if isinstance(published, list) else []:
        entry = current.get(old.get("n")) if isinstance(old, dict) else None
        if entry is None:
            if isinstance(old, dict):
                problems.error(ledger, 1, "QR ledger entry {n} (code '{code}') was published by the last build "
                               "({site}) but is missing", RESTORE_FIX, n=old.get("n"), code=old.get("code"),
                               site=shown, ledger=ledger)
            continue
        now = {"code": entry.code, "product": entry.product, "issued": entry.issued.isoformat(),
               "digest": entry.digest or old.get("digest")}
        changed = [key for key in now if old.get(key) != now[key]]
        if changed:
            key = changed[0]
            problems.error(ledger, entry.line, "QR ledger entry {n} differs from the one the last build published "
                           "({site}): its {key} was '{old}' and is now '{new}'", RESTORE_FIX, n=entry.n, site=shown,
                           key=key, old=old.get(key), new=now[key], ledger=ledger)


def _write_ledger(catalog: Catalog, progress: Progress) -> None:
    """Give a ledger from before digests its digests, and append the codes this build will publish."""
    path = catalog.content_dir / LEDGER_FILE
    for stray in stray_temporaries(catalog.content_dir):  # a build killed while writing the ledger
        stray.unlink(missing_ok=True)
    book = catalog.codes
    if any(entry.digest is None for entry in book.entries):  # the loader allows this only for all of them
        book.entries = add_digests(path, book.entries)
        catalog.warnings = [w for w in catalog.warnings if w.message != NO_DIGESTS]
        progress(f"QR ledger: added a digest to each of its {len(book.entries)} entries (once; commit the file)")
    if book.new_entries:
        book.entries += append_entries(path, book.new_entries, catalog.today, book.next_n)
        count = len(book.new_entries)
        progress(f"QR ledger: {count} new " + ("entry" if count == 1 else "entries") + f" appended to {path}")
