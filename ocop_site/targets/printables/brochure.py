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

Contents: cover (the first photo, names, stars, group, commune), fold-in panel (summary, group,
locality, details, certificate, the second photo), back panel (producer, where to buy, photo credits,
QR code), inside (the whole story: lead and every section, then any further photos, each captioned
with its description). The story's type is set at the largest of STORY_SIZES_PT at which it fits in
the three columns, which are balanced.
"""

from __future__ import annotations

from functools import partial

from ocop_site.model.catalog import Product
from ocop_site.targets.printables import document, press
from ocop_site.targets.printables.facts import full_story, product_facts, qr_svg
from ocop_site.targets.printables.fitting import first_fitting
from ocop_site.targets.printables.geometry import (
    A4_LANDSCAPE,
    BACK_MM,
    BROCHURE_COVER,
    BROCHURE_FOLD_IN,
    COVER_MM,
    FOLD_IN_MM,
    QR_BROCHURE_MM,
    gallery_slot,
)
from ocop_site.targets.printables.labels import label, labels_for

FONT_PT = 9.5  # the outside panels
STORY_SIZES_PT = (11.5, 11, 10.5, 10, 9.5, 9, 8.5, 8, 7.5)
LONG_NAME = 30  # characters above which the cover sets the name a size smaller


def brochure_pdf(product: Product, language: str, site_url: str, crop_marks: bool = False,
                 profile: str = press.SCREEN) -> bytes:
    facts = product_facts(product, language, site_url)
    lead, sections = full_story(product, language)
    photos = facts["photos"]
    gallery = photos[2:]
    base = {
        "piece": "brochure",
        "title": f"{facts['name']} — {label('story', language)}",
        "language": language,
        "font_pt": FONT_PT,
        "p": facts,
        "labels": labels_for(language),
        "panels": {"fold_in": FOLD_IN_MM, "back": BACK_MM, "cover": COVER_MM},
        "hero": BROCHURE_COVER,
        "fold_in_photo": photos[1] if len(photos) > 1 else None,
        "fold_in_slot": BROCHURE_FOLD_IN,
        "gallery": gallery,
        "gallery_slot": gallery_slot(len(gallery)) if gallery else None,
        "long_name": len(str(facts["name"])) > LONG_NAME,
        "qr": qr_svg(product, site_url, QR_BROCHURE_MM),
        "qr_mm": QR_BROCHURE_MM,
        "lead": lead,
        "story": sections,
    }
    variants = [{**base, "story_pt": size} for size in STORY_SIZES_PT]
    laid_out = first_fitting(variants, partial(_layout, crop_marks=crop_marks, profile=profile), pages=2,
                             what=f"the A4 brochure of {product.stories[language].path}")
    return document.to_pdf(laid_out, profile)


def _layout(context: dict[str, object], crop_marks: bool, profile: str):
    return document.render("brochure.html.j2", "brochure.css", A4_LANDSCAPE, crop_marks, profile=profile,
                           **context)
