"""The Markdown docs tree of one language, which MkDocs turns into the site, and the pages target that
does so for both languages: the catalogue's pages
(site/pages.py), the press-kit pages (press/pages.py) and the trip pages (trips/pages.py).

It stands above the three targets so that none of them imports another's pages: the press and trip
targets use the site's renderer and URLs, and the site target knows nothing of press kits or trips.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

from ocop_site.disk import sync_file_system
from ocop_site.files import tree_files
from ocop_site.problems import ProgressLine
from ocop_site.processes import release_memory
from ocop_site.targets.press.pages import press_pages
from ocop_site.targets.site.kept_templates import keep_compiled
from ocop_site.targets.site.mkdocs_project import LANGUAGES, config_digest, run_mkdocs, write_project
from ocop_site.targets.site.page_cache import PageCache
from ocop_site.targets.site.pages import CataloguePages
from ocop_site.targets.site.renderer import environment
from ocop_site.targets.site.sitemap import SITEMAP_NAMES
from ocop_site.targets.site.target import SEARCH
from ocop_site.targets.target import Outputs, RenderContext, Rendered, Target
from ocop_site.targets.trips.pages import trip_pages


class DocsTree(CataloguePages):
    """(docs path, Markdown) of every page of one language."""

    def pages(self) -> Iterator[tuple[str, str]]:
        yield from self._generate_pages()
        yield from press_pages(self)
        yield from trip_pages(self)
        yield from self._generate_products()


def _render_pages(context: RenderContext) -> Rendered:
    """Generate both languages' Markdown pages (written as they are generated: 5,000 products make
    20,000 pages), then run MkDocs for each language whose pages changed: only the changed pages when
    the last run finished with the same settings, all of them otherwise. A language whose pages were
    built again is marked for the search target, which indexes it again."""
    started = time.monotonic()
    counts = dict.fromkeys(LANGUAGES, 0)

    project = context.work / "mkdocs"
    keep_compiled(environment(), context.cache.root.parent / "templates")
    caches = {language: PageCache(context.catalog, language, project / f"docs-{language}", context.state,
                                  context.pictures) for language in LANGUAGES}

    def counted(language: str):
        tree = DocsTree(context.catalog, language, context.pictures)
        tree.page_cache = caches[language]
        for page in tree.pages():
            counts[language] += 1
            yield page

    for cache in caches.values():
        cache.forget()
    changes = write_project(context.catalog, project, {language: counted(language) for language in LANGUAGES})
    for cache in caches.values():
        cache.keep()
    for product in context.catalog.products.values():  # the other targets key on the stories' text
        for story in product.stories.values():
            story.forget_passages()
    release_memory()  # before MkDocs and Pagefind, which each hold a whole language
    reused = sum(cache.reused for cache in caches.values())
    progress, state = context.progress, context.state
    progress(ProgressLine("Pages generated: {n} per language, {reused} of them read back unchanged ({seconds} s)",
                          n=counts["vi"], reused=reused, seconds=f"{time.monotonic() - started:.1f}"))
    digest = config_digest(project)
    progress(ProgressLine("Pages changed: {n}", n=len(changes["vi"].written) + len(changes["en"].written)))
    finished = {language: state.get(f"mkdocs-{language}") == digest and (project / f"site-{language}").is_dir()
                for language in LANGUAGES}
    todo = [language for language in LANGUAGES if not finished[language] or changes[language].any]
    if todo:
        for language in todo:
            state.set(f"mkdocs-{language}", None)  # not finished until it has
            state.set(f"search-{language}", None)  # and its search index is out of date
        dirty = {language: finished[language] and not changes[language].removed for language in todo}
        run_mkdocs(project, context.catalog.today, progress, dirty, pages=counts["vi"],
                   cache=context.cache.root.parent / "mkdocs")
        sync_file_system(project)  # the pages on disk before the fact that they are finished
        for language in todo:
            state.set(f"mkdocs-{language}", digest)
    outputs: Outputs = {}
    for language in LANGUAGES:
        site = project / f"site-{language}"
        prefix = "en/" if language == "en" else ""
        outputs.update(tree_files(site, prefix))
    for name in SITEMAP_NAMES:  # one sitemap for both languages replaces MkDocs's two (the sitemap target)
        outputs.pop(name, None)
    return Rendered({path: file for path, file in outputs.items() if not SEARCH.owns(path)})


PAGES = Target("pages", ("",), _render_pages)
