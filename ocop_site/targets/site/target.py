"""The web site's targets but its pages (targets/docs_tree.py): the search index, the photos, the
videos, the QR landing stubs, the sitemap and the published QR ledger."""

from __future__ import annotations

import time

from ocop_site.content.ledger import ledger_json
from ocop_site.disk import sync_file_system
from ocop_site.files import tree_files, write_tree
from ocop_site.problems import ProgressLine
from ocop_site.targets.site.images import picture_jobs, picture_outputs
from ocop_site.targets.site.mkdocs_project import LANGUAGES
from ocop_site.targets.site.search_index import index_site
from ocop_site.targets.site.sitemap import site_index_files
from ocop_site.targets.site.stubs import stub_files
from ocop_site.targets.site.video import render_video_files
from ocop_site.targets.target import SEARCH_PART, Outputs, RenderContext, Rendered, Target

LEDGER_JSON = "qr/ledger.json"  # the ledger with its chain, published for anyone to check


def _render_search(context: RenderContext) -> Rendered:
    """Index each language whose pages changed since its last index (Pagefind, into MkDocs's site
    folder). A preview does not run it: the site keeps the last build's index."""
    project, state = context.work / "mkdocs", context.state
    stale = [language for language in LANGUAGES if state.get(f"search-{language}") != "indexed"]
    if stale:
        started = time.monotonic()
        for language in stale:
            index_site(project / f"site-{language}", project / f"search-copies-{language}")
            sync_file_system(project)
            state.set(f"search-{language}", "indexed")
        context.progress(ProgressLine("  Search index ({languages}): {seconds} s", languages=", ".join(stale),
                                      seconds=f"{time.monotonic() - started:.1f}"))
    outputs: Outputs = {}
    for language in LANGUAGES:
        index = project / f"site-{language}" / "pagefind"
        prefix = "en/pagefind/" if language == "en" else "pagefind/"
        outputs.update(tree_files(index, prefix))
    return Rendered(outputs)


def _render_photos(context: RenderContext) -> Rendered:
    started = time.monotonic()
    jobs = picture_jobs(list(context.pictures.values()))
    made = context.cache.run(list(jobs.values()))
    context.progress(ProgressLine("Photos: {n} ({made} resized, {cached} from cache) ({seconds} s)", n=len(jobs),
                                  made=made, cached=len(jobs) - made, seconds=f"{time.monotonic() - started:.1f}"))
    return Rendered(picture_outputs(jobs, context.cache))


def _render_videos(context: RenderContext) -> Rendered:
    return Rendered(render_video_files(context.catalog, context.cache))  # videos, their captions and posters


def _render_stubs(context: RenderContext) -> Rendered:
    started = time.monotonic()
    folder = context.work / "stubs"
    files = stub_files(context.catalog)
    write_tree(folder, files)
    outputs = {path: folder / path for path in files}
    context.progress(ProgressLine("QR landing pages: {n} codes (/P/<CODE>/ and /p/<code>/) ({seconds} s)",
                                  n=len(context.catalog.codes.routes), seconds=f"{time.monotonic() - started:.1f}"))
    return Rendered(outputs)


def _render_sitemap(context: RenderContext) -> Rendered:
    """sitemap.xml (both languages, with alternates) and robots.txt, from the MkDocs pages only: the
    kiosk and the QR stubs stay out of it."""
    pages = sorted(path for path in context.outputs_of("pages") if path.endswith("index.html"))
    folder = context.work / "sitemap"
    files = site_index_files(context.catalog.site.site_url, pages)
    write_tree(folder, files)
    return Rendered({path: folder / path for path in files})


def _render_ledger(context: RenderContext) -> Rendered:
    """qr/ledger.json: the ledger as the build has just written it (before anything is published)."""
    path = context.work / "ledger" / LEDGER_JSON
    data = ledger_json(context.catalog.codes.entries).encode("utf-8")
    if not (path.is_file() and path.read_bytes() == data):  # rewritten only when it changes (its stamp)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return Rendered({LEDGER_JSON: path})


SEARCH = Target("search", ("pagefind/", "en/pagefind/"), _render_search, preview=False, part=SEARCH_PART)
PHOTOS = Target("photos", ("media/",), _render_photos)
VIDEOS = Target("videos", ("media/",), _render_videos)
STUBS = Target("stubs", ("P/", "p/", "products/", "en/products/", "qr/codes.json"), _render_stubs)
SITEMAP = Target("sitemap", ("sitemap.xml", "robots.txt"), _render_sitemap)
LEDGER = Target("ledger", (LEDGER_JSON,), _render_ledger)
