"""The share-card target: a 1200×630 image per product and language under /share/, cached.

One job per product makes both languages' cards, so its photo is decoded and scaled once. Whether the
certificate has expired on the build's date (and since when) is part of the job's key: a card drawn
with stars is drawn again, with the expiry badge, by the first build after the certificate ends."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path

from ocop_site.i18n import LANGUAGES, LOCALE_DIR
from ocop_site.model.catalog import Catalog
from ocop_site.model.vocabulary import GROUPS
from ocop_site.problems import ProgressLine
from ocop_site.targets.cache import Files, Job, OutputCache, file_digest, fingerprint, make_key
from ocop_site.targets.share.cards import card_photo, share_card
from ocop_site.targets.share.fonts import WEIGHTS, font_files
from ocop_site.targets.site import urls

HERE = Path(__file__).parent
SOURCE = fingerprint(HERE, LOCALE_DIR, *(path for weight in WEIGHTS for path in font_files(weight)))


def render_share_cards(catalog: Catalog, cache: OutputCache, progress: Callable[[str], None]) -> dict[str, Path]:
    started = time.monotonic()
    title = catalog.site.title
    jobs: dict[str, Job] = {}
    for product in catalog.listed:
        record = product.record
        photo = product.image_path(0)
        texts = {}
        for language in LANGUAGES:
            other = "en" if language == "vi" else "vi"
            texts[language] = (getattr(record.name, language), getattr(record.name, other), record.stars,
                               record.locality.commune, GROUPS[record.group.value][language], getattr(title, language))
        expired = product.expired(catalog.today)
        key = make_key("share", SOURCE, texts, file_digest(photo), expired and expired.isoformat())
        jobs[product.slug] = Job(key, _cards, (texts, photo, expired))
    made = cache.run(list(jobs.values()))
    progress(ProgressLine("Share cards: {n} ({made} drawn) ({seconds} s)", n=len(jobs) * len(LANGUAGES),
                          made=made * len(LANGUAGES), seconds=f"{time.monotonic() - started:.1f}"))
    return {urls.share_card(slug, language): cache.path(job.key, f"{language}.jpg")
            for slug, job in jobs.items() for language in LANGUAGES}


def _cards(texts: dict[str, tuple[str, str, int, str, str, str]], photo: Path, expired: dt.date | None) -> Files:
    """Both languages' cards of one product: name, other name, stars, commune, group and site title each;
    `expired`: the day its certificate ended, if it has."""
    filled = card_photo(photo)
    return {f"{language}.jpg": share_card(*args, filled, language, expired=expired)
            for language, args in texts.items()}
