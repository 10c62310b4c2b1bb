"""The A4 tri-fold brochure: two landscape pages of three panels, folded as a roll fold (letter fold).

Panels, left to right, as the PDF pages show them:

    page 1, outside:  fold-in panel (97 mm) | back panel (100 mm) | cover (100 mm)
    page 2, inside:   story (100 mm)        | story (100 mm)      | story (97 mm)

Print both sides, flipping on the short edge, so page 2 is the back of page 1 turned over left to
right: the inside's left panel is the back of the cover, its right (97 mm) panel the back of the
fold-in panel. Folds fall at 97 and 197 mm on the outside, 100 and 200 mm on the inside. Fold the
inside's right panel in first, then the cover over it: the fold-in panel is 3 mm narrower so that it
tucks in without buckling against the fold. Closed, the cover is on top and the back panel at the
back; opening the cover shows the fold-in panel; opening it shows the three inside panels.

Contents, as a tourist leaflet rather than a report: cover (the first photo, names, stars, group, commune);
fold-in panel (summary and the practical facts: group, locality, season, ingredients, shelf life, price,
certificate; the second photo); back panel (producer, where to buy, a locator map of where it is made, the
QR code); inside, three panels of short text blocks — a photo and the story's opening; the origin and the
production process with a pull quote; the cultural imprint and the call to scan the QR code for the whole
story. Excerpts are cut at sentence ends to the longest of EXCERPT_LIMITS that fits every panel.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import partial
from pathlib import Path

from ocop_site.i18n import Labels, t
from ocop_site.model.catalog import Product
from ocop_site.problems import Term
from ocop_site.targets.pdf_fetcher import content_folder
from ocop_site.targets.printables import document, press
from ocop_site.targets.printables.facts import locator_map, opening, product_facts, pull_quote, qr_svg, short_story
from ocop_site.targets.printables.fitting import Steps, Variants, fit_blocks
from ocop_site.targets.printables.geometry import (
    A4_LANDSCAPE,
    BACK_MM,
    BROCHURE_COVER,
    BROCHURE_FOLD_IN,
    BROCHURE_INSIDE,
    COVER_MM,
    FOLD_IN_MM,
    LOCATOR_BROCHURE_MM,
    QR_BROCHURE_MM,
    inside_photo_index,
)
from ocop_site.targets.printables.trims import Trim, credits, drop, drop_facts, keep_shops, replace, with_trims
from ocop_site.targets.printables.video_link import video_link

FONT_PT = 9.5  # the outside panels
EXCERPT_LIMITS = (560, 500, 440, 380, 320, 260, 200, 150)  # characters of the opening and of each section
INSIDE_PT = 10
CULTURE_SHARE = 1.8  # the third panel holds the cultural imprint alone: it may run this much longer
LOCATOR_SIZES_MM = (LOCATOR_BROCHURE_MM, (LOCATOR_BROCHURE_MM[0], 40))  # the back panel's map; else none
LONG_NAME = 30  # characters above which the cover sets the name a size smaller
# after the shortest excerpts (trims.py): the pull quote, the video, then the excerpts (the opening stays the
# summary, and the last panel sends the reader to the product page); the fold-in panel: its photo, the details
INSIDE_TRIMS = (drop("quote"), drop("video_link"), replace("opening", ""), replace("sections", {}))
FOLD_IN_TRIMS = (drop("fold_in_photo"), drop_facts("details"))


def brochure_pdf(product: Product, language: str, site_url: str, crop_marks: bool = False,
                 expired: dt.date | None = None, profile: str = press.SCREEN) -> bytes:
    """`expired`: the day the certificate ended, if it has (facts.product_facts says what changes)."""
    return document.to_pdf(brochure_document(product, language, site_url, crop_marks, profile, expired), profile)


def brochure_document(product: Product, language: str, site_url: str, crop_marks: bool = False,
                      profile: str = press.SCREEN, expired: dt.date | None = None):
    """The laid-out brochure (a WeasyPrint Document): the longest excerpts that fit every panel."""
    facts = product_facts(product, language, site_url, expired)
    photos = facts["photos"]
    printed = [0, inside_photo_index(len(photos)), *([1] if len(photos) > 1 else [])]
    facts["credits"] = credits(product, language, sorted(set(printed)))
    base = {
        "piece": "brochure",
        "title": f"{facts['name']} — {t('story', language)}",
        "language": language,
        "font_pt": FONT_PT,
        "inside_pt": INSIDE_PT,
        "p": facts,
        "labels": Labels(language),
        "panels": {"fold_in": FOLD_IN_MM, "back": BACK_MM, "cover": COVER_MM},
        "hero": BROCHURE_COVER,
        "fold_in_photo": photos[1] if len(photos) > 1 else None,
        "fold_in_slot": BROCHURE_FOLD_IN,
        "inside_photo": photos[inside_photo_index(len(photos))],
        "inside_slot": BROCHURE_INSIDE,
        "long_name": len(str(facts["name"])) > LONG_NAME,
        "qr": qr_svg(product, site_url, QR_BROCHURE_MM),
        "video_link": video_link(product, language, site_url),
        "qr_mm": QR_BROCHURE_MM,
        "quote": pull_quote(product, language),
    }
    texts = Variants(EXCERPT_LIMITS, lambda limit: {  # made when the search asks for them, once
        "opening": opening(product, language, limit),
        "sections": {**{s.key: s for s in short_story(product, language, limit)},
                     **{s.key: s for s in short_story(product, language, round(limit * CULTURE_SHARE))
                        if s.key == "culture"}}})
    locators = Variants(LOCATOR_SIZES_MM, lambda size: locator_map(product, language, size))
    back_panel = back_trims(locators)

    def make(levels: tuple[int, ...]) -> dict[str, object]:
        inside, fold_in, back = levels
        context = {**base, **texts[min(inside, len(EXCERPT_LIMITS) - 1)], "locator": locators[0]}
        context = with_trims(context, INSIDE_TRIMS, max(0, inside - len(EXCERPT_LIMITS) + 1))
        context = with_trims(context, FOLD_IN_TRIMS, fold_in)
        return with_trims(context, back_panel, back)

    groups = (Steps(frozenset({"in-a", "in-b", "in-c"}), len(EXCERPT_LIMITS) + len(INSIDE_TRIMS)),
              Steps(frozenset({"fold-in"}), 1 + len(FOLD_IN_TRIMS)),
              Steps(frozenset({"back"}), 1 + len(back_panel)))
    return fit_blocks(groups, make, partial(_layout, crop_marks=crop_marks, profile=profile,
                                            folders=[content_folder(product)]),
                      pages=2, piece=Term("the A4 brochure"), source=str(product.stories[language].path))


def back_trims(locators: Sequence[object]) -> tuple[Trim, ...]:
    """The back panel: a smaller map, no map, then points of sale beyond 2, 1, 0. A map is drawn only when its
    step is tried."""
    smaller = tuple(_locator(locators, index) for index in range(1, len(locators)))
    return (*smaller, replace("locator", None), keep_shops(2), keep_shops(1), keep_shops(0))


def _locator(locators: Sequence[object], index: int) -> Trim:
    return lambda context: {**context, "locator": locators[index]}


def _layout(context: dict[str, object], crop_marks: bool, profile: str, folders: list[Path]):
    return document.render("brochure.html.j2", "brochure.css", A4_LANDSCAPE, crop_marks, profile=profile,
                           folders=folders, line_cache=False, **context)  # no columns: the cache would not pay
