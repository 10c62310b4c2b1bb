"""The trips target's files: a guide PDF per trip and language under /print/trips/, cached by
everything they show (trip record, the stops' product records, stories and hero photos) and by the
code and templates that make them."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from ocop_site.i18n import LANGUAGES, LOCALE_DIR
from ocop_site.model import qr_payload
from ocop_site.model.catalog import Catalog
from ocop_site.model.trips import Trip
from ocop_site.problems import ContentErrors, ProgressLine
from ocop_site.targets.cache import Files, Job, OutputCache, file_digest, fingerprint, make_key, package_version
from ocop_site.targets.passages import story_key
from ocop_site.targets.pdf_fetcher import PDF_ENGINE, FetchRefused, refusal_problems
from ocop_site.targets.printables import press
from ocop_site.targets.printables.files import press_path
from ocop_site.targets.trips.guide import guide_pdf
from ocop_site.targets.trips.paths import trip_guide

HERE = Path(__file__).parent
TARGETS = HERE.parent
SOURCE = fingerprint(HERE, TARGETS / "printables", TARGETS / "print_fonts.css", TARGETS / "pdf_fetcher.py",
                     TARGETS / "decoded_fonts.py", TARGETS / "site" / "assets" / "fonts", Path(qr_payload.__file__),
                     TARGETS / "qr", TARGETS / "printmaps", TARGETS / "share" / "fonts.py", LOCALE_DIR,
                     extra=package_version("weasyprint"))


def render_trip_guides(catalog: Catalog, cache: OutputCache, progress: Callable[[str], None],
                       crop_marks: bool = False, print_profile: bool = False) -> dict[str, Path]:
    """Make the missing guides; return site path → cached file. With `print_profile`, the PDF/X-4 press
    versions too, under /print/press/trips/."""
    started = time.monotonic()
    site_url = catalog.site.site_url
    jobs: dict[str, Job] = {}
    for profile in press.PROFILES if print_profile else (press.SCREEN,):
        for trip in catalog.trips.values():
            for language in LANGUAGES:
                key = make_key("trip-guide", SOURCE, _content_digest(trip, language), site_url, crop_marks, profile)
                path = trip_guide(trip.slug, language)
                jobs[path if profile == press.SCREEN else press_path(path)] = Job(
                    key, _guide, (trip, language, site_url, crop_marks, profile))
    try:
        made = cache.run(list(jobs.values()), imports=PDF_ENGINE)
    except FetchRefused as refused:  # validate turns such content away first: this is the last line of defence
        raise ContentErrors(refusal_problems(refused, catalog.products.values())) from None
    if jobs:
        progress(ProgressLine("Trip guides: {n} PDFs ({made} rendered) ({seconds} s)", n=len(jobs), made=made,
                              seconds=f"{time.monotonic() - started:.1f}"))
    return {path: cache.path(job.key, "pdf") for path, job in jobs.items()}


def _content_digest(trip: Trip, language: str) -> str:
    digest = hashlib.sha256(f"{language}\0{trip.slug}\0{trip.record.model_dump_json()}\0".encode())
    for product in trip.products:
        story = product.stories[language]
        digest.update(f"{product.slug}\0{product.record.model_dump_json()}\0{story.lead}\0".encode())
        digest.update(repr(sorted(story.sections.items())).encode())
        digest.update(story_key(story).encode())  # as rendered: follows the story reader's code
        digest.update(file_digest(product.image_path(0)).encode())
    return digest.hexdigest()


def _guide(trip: Trip, language: str, site_url: str, crop_marks: bool, profile: str) -> Files:
    return {"pdf": guide_pdf(trip, language, site_url, crop_marks=crop_marks, profile=profile)}
