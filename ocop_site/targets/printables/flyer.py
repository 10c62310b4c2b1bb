"""The A5 flyer: front (photo, names, stars, group, locality, QR code) and back (short story, contact).

The back tells origin, production process and cultural imprint, each the first paragraph of its
section cut to STORY_LIMITS[0] characters (text.py says how); if that does not fit, the next, shorter
limit is tried. The front sets a long name a size smaller.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from pathlib import Path

from ocop_site.i18n import Labels, t
from ocop_site.model.catalog import Product
from ocop_site.problems import Term
from ocop_site.targets.pdf_fetcher import content_folder
from ocop_site.targets.printables import document, press
from ocop_site.targets.printables.facts import locator_map, product_facts, pull_quote, qr_svg, short_story
from ocop_site.targets.printables.fitting import Steps, Variants, fit_blocks
from ocop_site.targets.printables.geometry import A5, FLYER_HERO, LOCATOR_FLYER_MM, QR_FLYER_MM
from ocop_site.targets.printables.trims import credits, drop, keep_shops, with_trims
from ocop_site.targets.printables.video_link import video_link

STORY_LIMITS = (560, 500, 440, 380, 320, 260, 200, 150)  # characters per section
FONT_PT = 9.5
LONG_NAME = 34  # characters above which the name is set a size smaller
# how many characters of the excerpts a millimetre of the back's height holds (two columns of FONT_PT type;
# 15–20 on the sample's flyers): where the fitting aims first, before the layouts show the story's own rate
STORY_CHARS_PER_MM = 16
# the back, after the shortest excerpts (trims.py): the pull quote, the video, points of sale beyond 2, 1, 0,
# then the excerpts (it still sends the reader to the product page); the front: the summary, the other language's name
BACK_TRIMS = (drop("quote"), drop("video_link"), keep_shops(2), keep_shops(1), keep_shops(0), drop("story"))
FRONT_TRIMS = (drop("front_summary"), drop("front_other_name"))


def flyer_pdf(product: Product, language: str, site_url: str, crop_marks: bool = False,
              expired: dt.date | None = None, profile: str = press.SCREEN) -> bytes:
    """`expired`: the day the certificate ended, if it has (facts.product_facts says what changes)."""
    return document.to_pdf(flyer_document(product, language, site_url, crop_marks, profile, expired), profile)


def flyer_document(product: Product, language: str, site_url: str, crop_marks: bool = False,
                   profile: str = press.SCREEN, expired: dt.date | None = None):
    """The laid-out flyer (a WeasyPrint Document): the longest excerpts that fit."""
    facts = {**product_facts(product, language, site_url, expired), "credits": credits(product, language, [0])}
    base = {
        "piece": "flyer",
        "title": f"{facts['name']} — {t('story', language)}",
        "language": language,
        "font_pt": FONT_PT,
        "p": facts,
        "labels": Labels(language),
        "hero": FLYER_HERO,
        "long_name": len(str(facts["name"])) > LONG_NAME,
        "qr": qr_svg(product, site_url, QR_FLYER_MM),
        "video_link": video_link(product, language, site_url),
        "qr_mm": QR_FLYER_MM,
        "locator": locator_map(product, language, LOCATOR_FLYER_MM),
        "quote": pull_quote(product, language),
        "front_summary": True,
        "front_other_name": True,
    }
    excerpts = Variants(STORY_LIMITS, lambda limit: short_story(product, language, limit))  # made when asked for

    def make(levels: tuple[int, ...]) -> dict[str, object]:
        back, front = levels
        story = excerpts[min(back, len(STORY_LIMITS) - 1)]
        context = with_trims({**base, "story": story}, BACK_TRIMS, max(0, back - len(STORY_LIMITS) + 1))
        return with_trims(context, FRONT_TRIMS, front)

    def story_text(back: int) -> str | None:  # what the back's settings before its trims differ by
        if back >= len(STORY_LIMITS):
            return None
        return "\n".join(f"{section.heading}\n{section.html}" for section in excerpts[back])

    groups = (Steps(frozenset({"back"}), len(STORY_LIMITS) + len(BACK_TRIMS), story_text, STORY_CHARS_PER_MM),
              Steps(frozenset({"front"}), 1 + len(FRONT_TRIMS)))
    return fit_blocks(groups, make, partial(_layout, crop_marks=crop_marks, profile=profile,
                                            folders=[content_folder(product)]),
                      pages=2, piece=Term("the A5 flyer"), source=str(product.stories[language].path))


def _layout(context: dict[str, object], crop_marks: bool, profile: str, folders: list[Path]):
    return document.render("flyer.html.j2", "flyer.css", A5, crop_marks, profile=profile, folders=folders, **context)
