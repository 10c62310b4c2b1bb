"""The showcase site: Markdown docs trees + Material overrides, built by MkDocs per language."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from ocop_site.model.catalog import Catalog
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.qr.files import render_qr
from ocop_site.targets.site.images import Picture, plan_picture, write_pictures
from ocop_site.targets.site.mkdocs_project import LANGUAGES, run_mkdocs, write_project
from ocop_site.targets.site.pages import DocsTree
from ocop_site.targets.site.stubs import write_stubs


def render_site(catalog: Catalog, work: Path, cache: Path, progress: Callable[[str], None]) -> Path:
    """Write the whole site into `work`/site and return that folder."""
    pictures: dict[tuple[str, int], Picture] = {
        (product.slug, index): plan_picture(product.image_path(index), product.slug)
        for product in catalog.products.values()
        for index in range(len(product.record.images))
    }
    pages = {language: dict(DocsTree(catalog, language, pictures).pages()) for language in LANGUAGES}
    project = work / "project"
    write_project(catalog, project, pages)
    progress(f"Pages: {len(pages['vi'])} per language")
    run_mkdocs(project, catalog.today, progress)
    site = work / "site"
    (project / "site-vi").rename(site)
    (project / "site-en").rename(site / "en")
    made = write_pictures(list(pictures.values()), site, cache / "images")
    progress(f"Photos: {len(pictures)} ({made} resized, {len(pictures) - made} from cache)")
    codes = write_stubs(catalog, site)
    progress(f"QR landing pages: {codes} codes (/P/<CODE>/ and /p/<code>/)")
    render_qr(catalog, site, OutputCache(cache / "outputs"), progress)
    shutil.rmtree(project)
    return site
