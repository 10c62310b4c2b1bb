"""The catalogue booklet, one per language: A5 pages for saddle stitching.

Order: cover, contents by OCOP group (with page numbers), one page per product, an index by locality
(commune → products with page numbers), blank pages so that the count is a multiple of four, back
cover. Products are sorted by group, in the order of vocabulary.GROUPS, then by name.

A product page tells origin, production process and cultural imprint, each cut to STORY_LIMITS[0]
characters (text.py says how); a page that overflows is laid out again with the next, shorter limit.

Layout runs in three parts joined page by page: the front (cover, contents), the product pages, and
the back (index, one blank page, back cover). Every product takes exactly one page, so page numbers
are known before anything is laid out: the contents, the index and each product page write them out.
(CSS target-counter() and leader() would make WeasyPrint lay the whole booklet out several times
over.) The product pages are laid out together; those that overflow are laid out again, together,
with a shorter story, until each fits its page. The blank page is copied as many times as the padding
needs.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ocop_site.model.catalog import Product, collation_key
from ocop_site.model.vocabulary import GROUPS
from ocop_site.targets.printables import document
from ocop_site.targets.printables.facts import product_facts, qr_svg, short_story
from ocop_site.targets.printables.fitting import DoesNotFit
from ocop_site.targets.printables.geometry import A5, BOOKLET_HERO, QR_BOOKLET_MM
from ocop_site.targets.printables.labels import label, labels_for
from ocop_site.targets.site import urls

STORY_LIMITS = (280, 240, 200, 160, 120)  # characters per section
FONT_PT = 9
PAGES_PER_SHEET = 4  # a folded sheet: saddle-stitched page counts are multiples of four
STYLESHEET = "booklet.css"


def booklet_pdf(products: list[Product], language: str, site_url: str, crop_marks: bool = False) -> bytes:
    ordered = sorted(products, key=lambda p: _order(p, language))
    facts = {p.slug: product_facts(p, language, site_url) for p in ordered}
    common = {
        "piece": "booklet",
        "title": f"{label('booklet_title', language)} — {label('booklet_subtitle', language)}",
        "language": language,
        "font_pt": FONT_PT,
        "labels": labels_for(language),
        "home_url": _home(site_url, language),
    }
    front = _front(ordered, facts, common, crop_marks)
    pages = [*front.pages, *_product_pages(ordered, facts, common, site_url, crop_marks)]
    back = _render("booklet_back.html.j2", len(pages) + 1, common, crop_marks,
                   localities=_index(ordered, facts, language))
    blank = next(page for page in back.pages if "blank-page" in page.anchors)
    index = [page for page in back.pages[:-1] if page is not blank]
    pages += index
    pages += [blank] * (-(len(pages) + 1) % PAGES_PER_SHEET) + back.pages[-1:]
    return document.to_pdf(front.copy(pages))


def _front(ordered: list[Product], facts: dict[str, dict], common: dict[str, object], crop_marks: bool):
    """Cover and contents, laid out with the page numbers they lead to (set in `facts` for the other parts)."""
    contents_pages = 1
    while True:
        first_product = 2 + contents_pages
        for number, product in enumerate(ordered, start=first_product):
            facts[product.slug]["page"] = number
        front = _render("booklet_front.html.j2", 1, common, crop_marks, groups=_contents(ordered, facts),
                        product_count=label("product_count", str(common["language"]), n=len(ordered)))
        if len(front.pages) == 1 + contents_pages:
            return front
        contents_pages = len(front.pages) - 1  # more page numbers to write: lay it out once more


def _product_pages(ordered: list[Product], facts: dict[str, dict], common: dict[str, object], site_url: str,
                   crop_marks: bool) -> list:
    """One laid-out page per product, in order, each with the longest story excerpt that fits it."""
    language = str(common["language"])
    entries = {p.slug: {"p": facts[p.slug], "page": facts[p.slug]["page"], "story_limit": 0,
                        "qr": qr_svg(p, site_url, QR_BOOKLET_MM)} for p in ordered}
    pages: dict[str, object] = {}
    pending = list(ordered)
    while pending:
        for product in pending:
            entry = entries[product.slug]
            entry["story"] = short_story(product, language, STORY_LIMITS[entry["story_limit"]])
        laid_out = _render("booklet_products.html.j2", 1, common, crop_marks,
                           entries=[entries[p.slug] for p in pending], hero=BOOKLET_HERO, qr_mm=QR_BOOKLET_MM)
        overflowing = set(document.overflowing(laid_out))
        starts = document.anchor_pages(laid_out)
        for product in pending:
            if product.slug not in overflowing:
                pages[product.slug] = laid_out.pages[starts[f"fit-start-{product.slug}"]]
            elif entries[product.slug]["story_limit"] + 1 < len(STORY_LIMITS):
                entries[product.slug]["story_limit"] += 1
            else:
                raise DoesNotFit(f"the A5 catalogue page of {product.stories[language].path}", [product.slug])
        pending = [p for p in pending if p.slug not in pages]
    return [pages[p.slug] for p in ordered]


def _render(template: str, first_page: int, common: dict[str, object], crop_marks: bool, **context: object):
    return document.render(template, STYLESHEET, A5, crop_marks, first_page=first_page, **common, **context)


def _order(product: Product, language: str) -> tuple:
    return (list(GROUPS).index(product.record.group.value), collation_key(product.name(language)), product.slug)


def _contents(ordered: list[Product], facts: dict[str, dict]) -> list[dict[str, object]]:
    groups: dict[str, list[dict]] = {}
    for product in ordered:
        groups.setdefault(str(facts[product.slug]["group"]), []).append(facts[product.slug])
    return [{"name": name, "entries": entries} for name, entries in groups.items()]


def _index(ordered: list[Product], facts: dict[str, dict], language: str) -> list[dict[str, object]]:
    places: dict[str, dict[str, object]] = {}
    for product in sorted(ordered, key=lambda p: (collation_key(p.name(language)), p.slug)):
        commune = product.record.locality.commune
        place = places.setdefault(commune, {"commune": commune, "formerly": facts[product.slug]["formerly"],
                                            "entries": []})
        place["entries"].append(facts[product.slug])
    return [places[commune] for commune in sorted(places, key=collation_key)]


def _home(site_url: str, language: str) -> str:
    parts = urlsplit(site_url)
    return parts.netloc + parts.path.rstrip("/") + "/" + urls.LANGUAGE_PREFIX[language]
