"""The press-kit target: per listed product one zip under /press/<slug>/ (cached by everything it
holds), and the original photos beside it, full size, without their GPS position (originals.py)."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Callable
from pathlib import Path

from ocop_site.i18n import LOCALE_DIR
from ocop_site.model import press, vocabulary
from ocop_site.model.catalog import Catalog, Product
from ocop_site.problems import ProgressLine
from ocop_site.targets.cache import Files, Job, OutputCache, file_digest, fingerprint, make_key
from ocop_site.targets.passages import story_key
from ocop_site.targets.press.archive import zip_bytes
from ocop_site.targets.press.kit import credits_document, kit_document, kit_zip, photo_file, photo_name, photo_terms
from ocop_site.targets.press.originals import without_location
from ocop_site.targets.press.texts import LANGUAGES
from ocop_site.targets.press.videos import video_digest, video_entries

HERE = Path(__file__).parent
SOURCE = fingerprint(HERE, Path(vocabulary.__file__), Path(press.__file__),
                     HERE.parent / "site" / "labels.py", LOCALE_DIR)  # vn_money


def render_press_kits(catalog: Catalog, cache: OutputCache, progress: Callable[[str], None]) -> dict[str, Path]:
    """Make the missing zips; return site path → file for the zips and the published originals.

    Press texts far from their length are warned about by the loader (model/press.py), not here."""
    started = time.monotonic()
    outputs: dict[str, Path] = {}
    jobs: dict[str, Job] = {}
    photos: dict[str, Job] = {}
    site_url = catalog.site.site_url
    for product in catalog.listed:
        terms = photo_terms(product, catalog.site)
        expired = product.expired(catalog.today)
        limit = catalog.site.video.press_zip_megabytes
        key = make_key("press", SOURCE, site_url, terms, _content_digest(product), video_digest(product), limit,
                       *([expired.isoformat()] if expired else []))
        jobs[kit_zip(product.slug)] = Job(key, _kit, (product, site_url, terms, expired, limit))
        photos.update(_photo_jobs(product))
    made = cache.run(list(jobs.values()) + list(photos.values()))
    outputs.update({path: cache.path(job.key, "zip") for path, job in jobs.items()})
    outputs.update({path: cache.path(job.key, "photo") for path, job in photos.items()})
    progress(ProgressLine("Press kits: {n} zips ({made} made) ({seconds} s)", n=len(jobs), made=made,
                          seconds=f"{time.monotonic() - started:.1f}"))
    return outputs


def kit_entries(product: Product, site_url: str, terms: dict[str, str],
                expired: dt.date | None = None, video_limit: float = 20) -> dict[str, bytes]:
    """The files of a product's kit, by their name in the zip."""
    folder = f"{product.slug}-press-kit/"
    entries = {folder + f"press-kit.{language}.txt": kit_document(product, language, site_url, terms,
                                                                  expired).encode()
               for language in LANGUAGES}
    entries[folder + "credits-and-terms.txt"] = credits_document(product, terms).encode()
    for index in range(len(product.record.images)):
        photo = product.image_path(index).read_bytes()
        entries[folder + "photos/" + photo_name(product, index)] = without_location(photo)
    entries.update(video_entries(product, folder, site_url, terms, video_limit))
    return entries


def _content_digest(product: Product) -> str:
    """Everything of a product its kit shows: record, both stories, photo bytes."""
    digest = hashlib.sha256(product.record.model_dump_json().encode())
    for language in LANGUAGES:
        story = product.stories[language]
        digest.update(f"\0{language}\0{story.lead}\0{sorted(story.sections.items())!r}".encode())
        digest.update(story_key(story).encode())  # as rendered: follows the story reader
    for index in range(len(product.record.images)):
        digest.update(file_digest(product.image_path(index)).encode())
    return digest.hexdigest()


def _kit(product: Product, site_url: str, terms: dict[str, str], expired: dt.date | None = None,
         video_limit: float = 20) -> Files:
    return {"zip": zip_bytes(kit_entries(product, site_url, terms, expired, video_limit))}


def _photo_jobs(product: Product) -> dict[str, Job]:
    """The originals published beside the zip, as made by `_original`."""
    return {photo_file(product, index): Job(make_key("press-photo", SOURCE, file_digest(product.image_path(index))),
                                            _original, (str(product.image_path(index)),))
            for index in range(len(product.record.images))}


def _original(path: str) -> Files:
    return {"photo": without_location(Path(path).read_bytes())}
