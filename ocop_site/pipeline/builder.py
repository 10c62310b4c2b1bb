"""The build, as a script: load everything, validate everything, write the QR ledger, render, then publish.

Inside a lock on the content folder, the build reads the catalogue and appends the codes it will
publish to the QR ledger, so every code a site ever shows is in the ledger first. The targets
(pipeline/render.py) then render into the work folder and the output cache in three parts, each
published in one swap (publish.py) once it is complete: first the web part's pages (with QR landing
pages, photos, sitemap, ledger) with the last build's search index and printables, then the search
index and the kiosk, then the printables, QR artwork, share cards and press kits. A failed or killed
build therefore never shows half a part, and the next build publishes every code in the ledger.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.ledger import (
    LEDGER_FILE,
    RESTORE_FIX,
    add_digests,
    append_entries,
    has_no_digests,
    stray_temporaries,
)
from ocop_site.files import DamagedFile, read_json
from ocop_site.i18n import LANGUAGES
from ocop_site.model.catalog import Catalog
from ocop_site.model.loader import load_catalog
from ocop_site.pipeline.checkpoint import checkpoint
from ocop_site.pipeline.publish import describes, publish, published_files, published_owners
from ocop_site.pipeline.render import TARGETS, Rendering, named, parts, render_site
from ocop_site.pipeline.stamp import build_stamp
from ocop_site.pipeline.workspace import State, content_locked, locked
from ocop_site.problems import Problems, ProgressLine, phrase, system_reason
from ocop_site.targets.cache import OutputCache, keep_digests, remember_digests
from ocop_site.targets.site.images import plan_pictures
from ocop_site.targets.site.stubs import published_codes
from ocop_site.targets.site.target import LEDGER_JSON
from ocop_site.targets.target import PAGES_PART, PRINT_PART, SEARCH_PART, RenderContext, Said, Target

Progress = Callable[[str], None]
PUBLISHED = "published.json"  # the manifest of what the last build put in OUT/site
DIGESTS = "digests.json"  # the content files' digests, by inode, size and times (targets/cache.py, file_digest)
CACHE_SETTING = "OCOP_SITE_CACHE"  # where rendered photos, artwork and PDFs are kept (default OUT/.cache)


@dataclass
class BuildResult:
    site: Path
    catalog: Catalog | None  # None when nothing changed: the content was not read again
    seconds: float
    files: int
    written: int
    # the render's warnings; when nothing changed, the content's too (the catalogue's are in `catalog`)
    warnings: list[Said]  # a build of an earlier version may have stored plain (English) texts


def build(content_dir: Path, out_dir: Path, today: dt.date | None = None,
          progress: Progress = lambda message: None, clean: bool = False, crop_marks: bool = False,
          preview: bool = False, print_profile: bool = False, chain_ledger: bool = False) -> BuildResult:
    """`preview` (ocop-site serve) skips printables, QR artwork and share cards: the site keeps the last ones.
    `chain_ledger` (build --chain-ledger) gives a QR ledger from before digests its digests, once."""
    started = time.monotonic()
    progress(ProgressLine("Reading {folder} …", folder=content_dir))
    site, work = out_dir / "site", out_dir / ".work"
    with ExitStack() as output_lock:
        with content_locked(content_dir, waiting=lambda: progress(ProgressLine(
                "Waiting for another build to finish with {folder} (its QR ledger) …", folder=content_dir))):
            output_lock.enter_context(locked(out_dir))
            if clean:
                shutil.rmtree(work, ignore_errors=True)
            remember_digests(work / DIGESTS)
            state = State(work / "state.json")  # read once; the targets get this object (RenderContext.state)
            if not (preview or chain_ledger):  # --chain-ledger reads the ledger to say what it did
                unchanged = _unchanged(state, content_dir, today or dt.date.today(), crop_marks, print_profile, site,
                                       work, progress, started)
                if unchanged is not None:
                    return unchanged
            catalog = load_catalog(content_dir, today=today, chain_ledger=chain_ledger)
            _check_against_last_build(catalog, site)
            progress(ProgressLine("Content: {n} products, valid", n=len(catalog.products)))
            checkpoint("read")
            _write_ledger(catalog, progress, chain_ledger)
            checkpoint("ledger")
        state.set("built", None)  # until this build has finished
        cache = OutputCache(Path(os.environ.get(CACHE_SETTING) or out_dir / ".cache") / "outputs", pause=checkpoint)
        context = RenderContext(catalog, work, cache, progress, state, preview=preview, crop_marks=crop_marks,
                                print_profile=print_profile, pictures=plan_pictures(catalog))
        groups, skipped = parts(TARGETS, preview)
        rendering = Rendering(skipped=skipped)
        for number, group in enumerate(groups):
            later = [target for targets in groups[number + 1:] for target in targets]
            step = STEP_PREFIX[group[0].part]
            try:
                render_site(context, group, rendering)
                checkpoint(f"{step}rendered")
                written = _publish(rendering, [*later, *skipped], site, work, cache,
                                   checkpoint=lambda name, step=step: checkpoint(f"{step}{name}"))
            except BaseException as failure:
                if number:  # the CLI says what the site shows
                    failure.web_published = True  # type: ignore[attr-defined]
                raise
            checkpoint(f"{step}published")
            if later:
                progress(_published_line(number, site, group, later, len(rendering.outputs), written, started))
        if skipped:
            progress(ProgressLine("Kept from the last build: {parts} ('ocop-site build' makes them)",
                                  parts=named(skipped)))
        if not preview:  # a preview leaves printables and artwork behind: the next build must make them
            state.set("warnings", rendering.warnings)
            state.set("content", {"products": len(catalog.products), "warnings": [
                {language: warning.render(language) for language in LANGUAGES} for warning in catalog.warnings]})
            state.set("built", build_stamp(content_dir, catalog.today, crop_marks, print_profile))
        keep_digests(work / DIGESTS)
    seconds = time.monotonic() - started
    outputs, warnings = rendering.outputs, rendering.warnings
    progress(ProgressLine("Site written to {site} ({files} files, {written} changed) in {seconds} s", site=site,
                          files=len(outputs), written=written, seconds=f"{seconds:.1f}"))
    return BuildResult(site=site, catalog=catalog, seconds=seconds, files=len(outputs), written=written,
                       warnings=warnings)


STEP_PREFIX = {PAGES_PART: "web-", SEARCH_PART: "search-", PRINT_PART: ""}  # checkpoint names: pipeline/checkpoint.py


def _published_line(number: int, site: Path, published: list[Target], later: list[Target], files: int, written: int,
                    started: float) -> ProgressLine:
    """What the terminal says when a part is live, before the last: the first is the web part; the rest follow."""
    seconds = f"{time.monotonic() - started:.1f}"
    if number == 0:
        return ProgressLine("Web part published: {site} shows this build's {parts} ({files} files, {written} changed) "
                            "in {seconds} s; {rest} follow", site=site, parts=named(published), files=files,
                            written=written, seconds=seconds, rest=named(later))
    return ProgressLine("Also published: {site} shows this build's {parts} too ({files} files, {written} changed) "
                        "in {seconds} s; {rest} follow", site=site, parts=named(published), files=files,
                        written=written, seconds=seconds, rest=named(later))


def _publish(rendering: Rendering, not_rendered: list[Target], site: Path, work: Path, cache: OutputCache,
             checkpoint: Callable[[str], None]) -> int:
    """Publish what was rendered so far, with the last build's files of the targets not rendered (yet)."""
    outputs, owners = dict(rendering.outputs), dict(rendering.owners)
    kept: set[Path] = set()  # files of a published generation: never rewritten in place, so hard-linked
    for path, (source, owner) in _kept(site, work / PUBLISHED, not_rendered).items():
        if path not in outputs:
            outputs[path], owners[path] = source, owner
            kept.add(source)
    cached = f"{cache.root}{os.sep}"  # a string prefix: pathlib's is_relative_to costs 0.1 s for 10,000 files
    return publish(outputs, site, work / PUBLISHED, owners=owners, checkpoint=checkpoint,
                   immutable=kept | {p for p in outputs.values() if str(p).startswith(cached)})


def _kept(site: Path, manifest: Path, targets: list[Target]) -> dict[str, tuple[Path, str]]:
    """The last build's files of `targets`, by the owners its manifest records (by the targets' URL
    prefixes for a manifest written before owners were recorded)."""
    if not targets or not site.is_dir() or not describes(manifest, site):
        return {}
    names = {target.name for target in targets}
    owners = published_owners(manifest)
    kept = {}
    for path in sorted(published_files(manifest)):
        owner = owners.get(path) if owners else next(
            (t.name for t in targets if "" not in t.prefixes and t.owns(path)), None)
        if owner in names and os.path.isfile(published := f"{site}/{path}"):
            kept[path] = (Path(published), owner)
    return kept


def _unchanged(state: State, content_dir: Path, today: dt.date, crop_marks: bool, print_profile: bool, site: Path,
               work: Path, progress: Progress, started: float) -> BuildResult | None:
    """The last complete build's result when nothing it depends on has changed, without reading the
    content again: its digest covers every content file, the date, the options and the generator, so
    validating would find what the last build found (its warnings are shown again). None otherwise."""
    known = state.get("content")
    if not (isinstance(known, dict) and isinstance(known.get("products"), int)
            and isinstance(known.get("warnings"), list)):
        return None  # a build of an earlier version, or none
    try:
        stamp = build_stamp(content_dir, today, crop_marks, print_profile)
    except OSError:  # a file that cannot be read: validating says which, and how to fix it
        return None
    if not _up_to_date(state, stamp, site, work):
        return None
    progress(ProgressLine("Content: {n} products, valid", n=known["products"]))
    seconds = time.monotonic() - started
    progress(ProgressLine("Nothing changed since the last build: {site} is up to date ({seconds} s)", site=site,
                          seconds=f"{seconds:.1f}"))
    return BuildResult(site=site, catalog=None, seconds=seconds, files=len(published_files(work / PUBLISHED)),
                       written=0, warnings=[*known["warnings"], *(state.get("warnings") or [])])


def _up_to_date(state: State, stamp: str, site: Path, work: Path) -> bool:
    """The last build finished with the same inputs, and its site has every file it published, intact."""
    published = published_files(work / PUBLISHED)
    return state.get("built") == stamp and bool(published) and all(_intact(site / path, stamp)
                                                                   for path, stamp in published.items())


def _intact(path: Path, stamp: list[int]) -> bool:
    """A published file still has its size, and its time when it is the very file published (a hard link of
    the render cache, say): one stat per file catches a cached file truncated or overwritten by hand."""
    try:
        info = path.stat()
        size, mtime_ns, inode = stamp
    except (OSError, ValueError, TypeError):
        return False
    return info.st_size == size and (info.st_ino != inode or info.st_mtime_ns == mtime_ns)


def _check_against_last_build(catalog: Catalog, site: Path) -> None:
    """A code the last build answered must still be in the ledger (catches a deleted last entry)."""
    problems = Problems()
    ledger = (catalog.content_dir / LEDGER_FILE).as_posix()
    try:
        answered = published_codes(site)
    except DamagedFile as damaged:
        answered = {}
        _report_damaged(problems, damaged, ledger)
    for code in answered:
        if code in catalog.codes.ledgered:
            continue
        product = next((p for p in catalog.products.values() if p.record.code == code), None)
        path, line = (product.source.as_posix(), product.code_line) if product else (ledger, 1)
        problems.error(path, line, "QR code '{code}' is missing from {ledger}, but the last build ({site}) "
                       "answered it: its ledger entry was deleted",
                       "ledger entries are never deleted: restore it from version control (git checkout -- {ledger})",
                       code=code, ledger=ledger, site=site.as_posix())
    _check_published_ledger(catalog, site, ledger, problems)
    problems.raise_if_any()


def _check_published_ledger(catalog: Catalog, site: Path, ledger: str, problems: Problems) -> None:
    """The ledger the last build published must be the beginning of this one, entry for entry: this
    catches an issued entry changed together with every digest after it (the chain alone cannot)."""
    try:
        published = _published_entries(site / LEDGER_JSON)
    except DamagedFile as damaged:
        _report_damaged(problems, damaged, ledger)
        return
    current = {entry.n: entry for entry in catalog.codes.entries}
    shown = f"{site.as_posix()}/{LEDGER_JSON}"
    for old in published:
        entry = current.get(old["n"])
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


def _published_entries(path: Path) -> list[dict]:
    """The entries of the ledger the last build published ([] before a first build); DamagedFile if the
    file is there but is not such a ledger."""
    data = read_json(path)
    if data is None:
        return []
    entries = data.get("entries") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise DamagedFile(path, "no list of 'entries'")
    for index, entry in enumerate(entries, start=1):
        if not (isinstance(entry, dict) and type(entry.get("n")) is int):
            raise DamagedFile(path, "its entry {index} has no number 'n'", index=index)
    return entries


def _report_damaged(problems: Problems, damaged: DamagedFile, ledger: str) -> None:
    """A file of the last build that the ledger checks read is damaged: stop rather than skip the check."""
    shown = damaged.path.as_posix()
    problems.error(shown, 1, "this file of the last build is damaged ({reason}), so the build cannot "
                   "check that no entry of {ledger} was deleted or changed",
                   "restore {folder} from a backup; or, if you are sure {ledger} "
                   "is complete (compare it with version control), delete {file} and build again",
                   reason=phrase(damaged.reason, **{name: system_reason(value) if isinstance(value, OSError) else value
                                                    for name, value in damaged.values.items()}),
                   ledger=ledger, folder=damaged.path.parent.parent.as_posix(), file=shown)


def _write_ledger(catalog: Catalog, progress: Progress, chain_ledger: bool) -> None:
    """With `chain_ledger`, give a ledger from before digests its digests; append the codes this build will
    publish."""
    path = catalog.content_dir / LEDGER_FILE
    for stray in stray_temporaries(catalog.content_dir):  # a build killed while writing the ledger
        stray.unlink(missing_ok=True)
    book = catalog.codes
    if chain_ledger and has_no_digests(book.entries):  # the loader accepts a digest-less ledger only then
        book.entries = add_digests(path, book.entries)
        progress(ProgressLine("QR ledger: --chain-ledger added a digest to its one entry ({path}); commit the file now"
                              if len(book.entries) == 1 else "QR ledger: --chain-ledger added a digest to each of "
                              "its {n} entries ({path}); commit the file now", n=len(book.entries), path=path))
    elif chain_ledger:
        progress(ProgressLine("QR ledger: every entry has its digest already, so --chain-ledger changed nothing"
                              if book.entries else "QR ledger: it has no entries yet, so --chain-ledger changed "
                              "nothing"))
    if book.new_entries:
        book.entries += append_entries(path, book.new_entries, catalog.today, book.next_n)
        count = len(book.new_entries)
        progress(ProgressLine("QR ledger: {n} new entry appended to {path}" if count == 1 else
                              "QR ledger: {n} new entries appended to {path}", n=count, path=path))
