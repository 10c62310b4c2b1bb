"""Render every target of the catalogue into the work folder and the render cache, in order: the
site's pages (two MkDocs builds and their search index), photos, QR landing stubs and the sitemap,
the kiosk, QR artwork, share cards, press kits, printables and trip guides.

It lives here, not in a target, because it imports them all: a target's own modules (urls, say)
must be importable without loading every other target.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from ocop_site.disk import sync_file_system
from ocop_site.model.catalog import Catalog
from ocop_site.pipeline.workspace import State, TreeChanges, write_tree
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.kiosk import render_kiosk
from ocop_site.targets.press.files import render_press_kits
from ocop_site.targets.printables.files import render_printables
from ocop_site.targets.qr.files import render_qr
from ocop_site.targets.share.files import render_share_cards
from ocop_site.targets.site.images import Picture, picture_jobs, picture_outputs, plan_picture
from ocop_site.targets.site.mkdocs_project import LANGUAGES, config_digest, run_mkdocs, write_project
from ocop_site.targets.site.pages import DocsTree
from ocop_site.targets.site.search_index import index_site
from ocop_site.targets.site.sitemap import SITEMAP_NAMES, site_index_files
from ocop_site.targets.site.stubs import stub_files
from ocop_site.targets.site.video import render_video_files
from ocop_site.targets.trips.files import render_trip_guides

Outputs = dict[str, Path]
PREVIEW_SKIPS = ("print/", "qr/", "share/")  # slow targets a preview leaves as they were (printables, artwork, cards)


def render_site(catalog: Catalog, work: Path, cache: OutputCache, progress: Callable[[str], None],
                crop_marks: bool = False, preview: bool = False,
                print_profile: bool = False) -> tuple[Outputs, list[str]]:
    """Render everything into the work folder and the cache; return site path → file, and warnings.

    A preview renders no file under PREVIEW_SKIPS."""
    lap = _stopwatch()
    pictures: dict[tuple[str, int], Picture] = {
        (product.slug, index): plan_picture(product.image_path(index), product.slug)
        for product in catalog.products.values()
        for index in range(len(product.record.images))
    }
    counts = dict.fromkeys(LANGUAGES, 0)
    pages = {language: _counted(DocsTree(catalog, language, pictures).pages(), counts, language)
             for language in LANGUAGES}  # generated while written: 5,000 products make 20,000 pages
    changes = write_project(catalog, work / "mkdocs", pages)
    progress(f"Pages generated: {counts['vi']} per language ({lap():.1f} s)")
    outputs = _build_pages(work / "mkdocs", changes, catalog.today, State(work / "state.json"), progress, preview)
    lap()  # MkDocs reports its own time
    jobs = picture_jobs(list(pictures.values()))
    made = cache.run(list(jobs.values()))
    outputs.update(picture_outputs(jobs, cache))
    progress(f"Photos: {len(jobs)} ({made} resized, {len(jobs) - made} from cache) ({lap():.1f} s)")
    outputs.update(render_video_files(catalog, cache))  # videos, their captions and posters
    stubs = stub_files(catalog)
    for name in SITEMAP_NAMES:
        outputs.pop(name, None)
    pages = sorted(path for path in outputs if path.endswith("index.html"))
    stubs.update(site_index_files(catalog.site.site_url, pages))
    write_tree(work / "stubs", stubs)
    outputs.update({path: work / "stubs" / path for path in stubs})
    progress(f"QR landing pages: {len(catalog.codes.routes)} codes (/P/<CODE>/ and /p/<code>/) ({lap():.1f} s)")
    outputs.update(render_kiosk(catalog, work / "kiosk", cache, progress, pictures))  # after the sitemap: noindex
    if not preview:
        outputs.update(render_qr(catalog, cache, progress))
        outputs.update(render_share_cards(catalog, cache, progress))
    outputs.update(render_press_kits(catalog, cache, progress))
    if preview:
        return outputs, []
    printables, warnings = render_printables(catalog, cache, progress, crop_marks=crop_marks,
                                             print_profile=print_profile)
    outputs.update(printables)
    outputs.update(render_trip_guides(catalog, cache, progress, crop_marks=crop_marks, print_profile=print_profile))
    return outputs, warnings


def _counted(pages: Iterator[tuple[str, str]], counts: dict[str, int], language: str) -> Iterator[tuple[str, str]]:
    for page in pages:
        counts[language] += 1
        yield page


def _stopwatch() -> Callable[[], float]:
    """Seconds since the previous call (or since creation)."""
    last = [time.monotonic()]

    def lap() -> float:
        now = time.monotonic()
        seconds, last[0] = now - last[0], now
        return seconds

    return lap


def _build_pages(project: Path, changes: dict[str, TreeChanges], today: dt.date, state: State,
                 progress: Callable[[str], None], preview: bool) -> Outputs:
    """Run MkDocs for each language whose pages changed: only the changed pages when the last run
    finished with the same settings, all of them otherwise. Then index a language's pages for
    search, unless this is a preview: its search keeps the last index until the next full build."""
    digest = config_digest(project)
    progress(f"Pages changed: {len(changes['vi'].written) + len(changes['en'].written)}")
    finished = {language: state.get(f"mkdocs-{language}") == digest and (project / f"site-{language}").is_dir()
                for language in LANGUAGES}
    todo = [language for language in LANGUAGES if not finished[language] or changes[language].any]
    if todo:
        for language in todo:
            state.set(f"mkdocs-{language}", None)  # not finished until it has
            state.set(f"search-{language}", None)  # and its search index is out of date
        dirty = {language: finished[language] and not changes[language].removed for language in todo}
        run_mkdocs(project, today, progress, dirty)
        sync_file_system(project)  # the pages on disk before the fact that they are finished
        for language in todo:
            state.set(f"mkdocs-{language}", digest)
    stale = [language for language in LANGUAGES if state.get(f"search-{language}") != "indexed"]
    if stale and not preview:
        started = time.monotonic()
        for language in stale:
            index_site(project / f"site-{language}")
            sync_file_system(project)
            state.set(f"search-{language}", "indexed")
        progress(f"  Search index ({', '.join(stale)}): {time.monotonic() - started:.1f} s")
    elif stale:
        progress(f"  Search index ({', '.join(stale)}): left for the next 'ocop-site build'")
    outputs: Outputs = {}
    for language in LANGUAGES:
        site = project / f"site-{language}"
        prefix = "en/" if language == "en" else ""
        outputs.update({prefix + p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()})
    return outputs
