"""The printables target: per product and language an A5 flyer and an A4 tri-fold brochure, and a
catalogue booklet per language, under /print/, cached by everything they depend on.

These are the RGB screen versions. With `print_profile` the same pieces are also made as PDF/X-4 in CMYK
for an offset press (press.py), under /print/press/ with the same file names."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from ocop_site.i18n import LANGUAGES, LOCALE_DIR
from ocop_site.model import qr_payload
from ocop_site.model.catalog import Catalog, Product
from ocop_site.problems import ContentErrors, ProgressLine
from ocop_site.targets.cache import Files, Job, OutputCache, file_digest, fingerprint, make_key, package_version
from ocop_site.targets.passages import story_key
from ocop_site.targets.pdf_fetcher import PDF_ENGINE, FetchRefused, refusal_problems
from ocop_site.targets.printables import press
from ocop_site.targets.printables.booklet_jobs import BookletJobs
from ocop_site.targets.printables.brochure import brochure_pdf
from ocop_site.targets.printables.flyer import flyer_pdf
from ocop_site.targets.site import urls

HERE = Path(__file__).parent
SOURCE = fingerprint(HERE, Path(qr_payload.__file__), HERE.parent / "print_fonts.css", HERE.parent / "pdf_fetcher.py",
                     HERE.parent / "decoded_fonts.py", HERE.parent / "site" / "assets" / "fonts", HERE.parent / "qr",
                     HERE.parent / "printmaps", LOCALE_DIR,
                     extra=package_version("weasyprint") + package_version("pikepdf"))


def press_path(path: str) -> str:
    """Where the press version of the printable at `path` (print/…) is published: print/press/…"""
    return "print/press/" + path.removeprefix("print/")


def render_printables(catalog: Catalog, cache: OutputCache, progress: Callable[[str], None],
                      crop_marks: bool = False, print_profile: bool = False) -> dict[str, Path]:
    """Make the missing PDFs; return site path → cached file. (A photo too small to print is the loader's
    warning: model/print_photos.py.)

    Every listed product gets its flyer and brochure (its page links them); one whose certificate has
    ended says so instead of its stars. The catalogue booklet lists only products in force. With
    `print_profile`, each also in the press profile under print/press/."""
    started = time.monotonic()
    site_url = catalog.site.site_url
    products = catalog.listed
    in_force = catalog.in_force
    digests = {(p.slug, language): content_digest(p, language) for p in products for language in LANGUAGES}
    profiles = press.PROFILES if print_profile else (press.SCREEN,)
    jobs: dict[str, Job] = {}
    all_booklets: list[BookletJobs] = []
    for profile in profiles:
        published = (lambda path: path) if profile == press.SCREEN else press_path
        for product in products:
            expired = product.expired(catalog.today)
            for language in LANGUAGES:
                for kind, render in (("flyer-a5", _flyer), ("brochure-a4", _brochure)):
                    key = make_key(kind, SOURCE, digests[product.slug, language], site_url, crop_marks, profile,
                                   *([expired.isoformat()] if expired else []))
                    jobs[published(urls.printable(product.slug, kind, language))] = Job(
                        key, render, (product, language, site_url, crop_marks, expired, profile))
        all_booklets.append(BookletJobs(cache, in_force, LANGUAGES, site_url, crop_marks, SOURCE,
                                        {p.slug: record_digest(p) for p in in_force}, digests,
                                        tuple(catalog.site.showrooms), profile))
    made = rejoined = 0
    try:
        parts = []
        for booklets in all_booklets:
            booklets.lay_out_fronts()
            fronts_made = booklets.parts_made
            parts += booklets.part_jobs()
            made -= booklets.parts_made - fronts_made
        made += cache.run([*parts, *jobs.values()], imports=PDF_ENGINE)  # longest jobs first
        for booklets in all_booklets:
            joined, count = booklets.join()
            rejoined += count
            published = (lambda path: path) if booklets.profile == press.SCREEN else press_path
            jobs |= {published(urls.catalogue_booklet(language)): job for language, job in joined.items()}
    except FetchRefused as refused:  # validate turns such content away first: this is the last line of defence
        raise ContentErrors(refusal_problems(refused, products)) from None
    laid = sum(b.parts_made for b in all_booklets)
    total = sum(b.parts for b in all_booklets)
    progress(ProgressLine("Printables: {n} PDFs ({made} rendered; catalogue booklet parts laid out: {laid} of {total}) "
                          "({seconds} s)", n=len(jobs), made=made + rejoined, laid=laid, total=total,
                          seconds=f"{time.monotonic() - started:.1f}"))
    return {path: cache.path(job.key, "pdf") for path, job in jobs.items()}


def record_digest(product: Product) -> str:
    return hashlib.sha256(product.record.model_dump_json().encode()).hexdigest()


def content_digest(product: Product, language: str) -> str:
    """Everything of a product that its printables in `language` show: record, story, photo bytes."""
    story = product.stories[language]
    digest = hashlib.sha256(f"{language}\0{product.record.model_dump_json()}\0{story.lead}\0".encode())
    digest.update(repr(sorted(story.sections.items())).encode())
    digest.update(story_key(story).encode())  # as rendered: follows the story reader's code
    for index in range(len(product.record.images)):
        digest.update(file_digest(product.image_path(index)).encode())
    return digest.hexdigest()


def _flyer(product: Product, language: str, site_url: str, crop_marks: bool, expired: dt.date | None,
           profile: str) -> Files:
    return {"pdf": flyer_pdf(product, language, site_url, crop_marks=crop_marks, expired=expired, profile=profile)}


def _brochure(product: Product, language: str, site_url: str, crop_marks: bool, expired: dt.date | None,
              profile: str) -> Files:
    return {"pdf": brochure_pdf(product, language, site_url, crop_marks=crop_marks, expired=expired,
                                profile=profile)}
