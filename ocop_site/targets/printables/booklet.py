"""The catalogue booklet, one per language: A5 pages for saddle stitching.

Order: cover; a welcome page that says what OCOP and its stars mean; contents by OCOP group (with page
numbers); one page per product; an index by locality (commune → products with page numbers); a map of
where the products are made (numbered by page) and of the OCOP showrooms; as many of the FILLERS as the
page count needs to be a multiple of four — how to read an OCOP label, where to buy and ask, then notes
pages — never a blank page; back cover. Products are sorted by group, in the order of vocabulary.GROUPS,
then by name.

A product page tells origin, production process and cultural imprint, each cut to STORY_LIMITS[0]
characters (text.py says how); a page that overflows is laid out again with the next, shorter limit.

The booklet is laid out in parts, each its own PDF, then joined page by page (join.py):
- the front (cover, contents), which also decides where the product pages start: the contents are laid
  out again while their page count grows;
- the product pages, PAGES_PER_PART products a part. Every product takes exactly one page, so page
  numbers are known before anything is laid out. The pages of a part are laid out together; those that
  overflow are laid out again, together, with a shorter story, until each fits its page;
- the back (index, map, the fillers the padding needs, back cover).
The contents and the index link to product pages in other parts, by page number (join.page_link).
A part depends on its own products only (and the front and back on names and places only), so the build
caches each one and a story edit lays out one part of PAGES_PER_PART pages, not the whole booklet; no
worker lays out more than PAGES_PER_PART product pages at once, whatever the size of the catalogue.
(CSS target-counter() and leader() would make WeasyPrint lay the whole booklet out several times over.)
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from urllib.parse import urlsplit

from ocop_site.content.records import Showroom
from ocop_site.i18n import N_, Labels, t
from ocop_site.model.catalog import Product, collation_key
from ocop_site.model.vocabulary import GROUPS
from ocop_site.problems import Term
from ocop_site.targets.pdf_fetcher import content_folder
from ocop_site.targets.printables import document, press
from ocop_site.targets.printables.facts import product_facts, qr_svg, short_story
from ocop_site.targets.printables.fitting import DoesNotFit
from ocop_site.targets.printables.geometry import A5, BOOKLET_HERO, QR_BOOKLET_MM
from ocop_site.targets.printables.join import join_pdfs, page_link
from ocop_site.targets.printmaps import Marker, map_svg
from ocop_site.targets.site import urls

STORY_LIMITS = (280, 240, 200, 160, 120, 80, 0)  # characters per section; 0: none (the page's QR code leads to it)
FONT_PT = 9
PAGES_PER_SHEET = 4  # a folded sheet: saddle-stitched page counts are multiples of four
PAGES_PER_PART = 8  # product pages laid out and cached together
FRONT_PAGES = 3  # cover and welcome page, then the first product page follows the contents
STYLESHEET = "booklet.css"
MAP_MM = (120, 128)
STAR_MEANINGS = {3: N_("stars_3"), 4: N_("stars_4"), 5: N_("stars_5")}  # what each rating means, on the front
FILLERS = ("filler-label", "filler-visit")  # then as many "filler-notes" pages as still needed


def booklet_pdf(products: list[Product], language: str, site_url: str, crop_marks: bool = False,
                showrooms: tuple[Showroom, ...] = (), profile: str = press.SCREEN) -> bytes:
    """The whole booklet in this process (the build lays the parts out in workers and caches them)."""
    ordered = booklet_order(products, language)
    front, first_page = front_pdf(ordered, language, site_url, crop_marks, profile)
    parts = [front]
    for start in range(0, len(ordered), PAGES_PER_PART):
        parts.append(product_pages_pdf(ordered[start:start + PAGES_PER_PART], first_page + start, language,
                                       site_url, crop_marks, profile))
    parts.append(back_pdf(ordered, first_page, language, site_url, crop_marks, showrooms, profile))
    with tempfile.TemporaryDirectory(prefix="ocop-booklet-") as folder:
        paths = [Path(folder) / f"part-{number:05d}.pdf" for number in range(len(parts))]
        for path, pdf in zip(paths, parts, strict=True):
            path.write_bytes(pdf)
        join_pdfs(paths, Path(folder) / "booklet.pdf")
        return (Path(folder) / "booklet.pdf").read_bytes()


def booklet_order(products: list[Product], language: str) -> list[Product]:
    return sorted(products, key=lambda p: (list(GROUPS).index(p.record.group.value),
                                           collation_key(p.name(language)), p.slug))


def front_pdf(ordered: list[Product], language: str, site_url: str, crop_marks: bool = False,
              profile: str = press.SCREEN) -> tuple[bytes, int]:
    """Cover, welcome page and contents, and the page number of the first product page."""
    common = _common(language, site_url, profile)
    contents_pages = 1
    while True:
        first_page = FRONT_PAGES + contents_pages
        facts = _numbered_facts(ordered, first_page, language, site_url)
        front = _render("booklet_front.html.j2", 1, common, crop_marks, ordered, groups=_contents(ordered, facts),
                        product_count=t("products_count", language, n=len(ordered)),
                        stars=[(n, t("stars", language, n=n), t(STAR_MEANINGS[n], language)) for n in (3, 4, 5)],
                        group_names=[names[language] for names in GROUPS.values()])
        if len(front.pages) == FRONT_PAGES - 1 + contents_pages:
            return document.to_pdf(front, profile), first_page
        contents_pages = len(front.pages) - (FRONT_PAGES - 1)  # more page numbers to write: lay it out again


def product_pages_pdf(part: list[Product], first_page: int, language: str, site_url: str,
                      crop_marks: bool = False, profile: str = press.SCREEN) -> bytes:
    """One page per product of `part`, numbered from `first_page`, each with the longest story excerpt that
    fits it."""
    return document.to_pdf(product_pages_document(part, first_page, language, site_url, crop_marks, profile),
                           profile)


def product_pages_document(part: list[Product], first_page: int, language: str, site_url: str,
                           crop_marks: bool = False, profile: str = press.SCREEN):
    """The laid-out product pages (a WeasyPrint Document)."""
    common = _common(language, site_url, profile)
    entries = {}
    for number, product in enumerate(part, start=first_page):
        facts = product_facts(product, language, site_url)
        entries[product.slug] = {"p": facts, "page": number, "story_limit": 0,
                                 "qr": qr_svg(product, site_url, QR_BOOKLET_MM)}
    pages: dict[str, object] = {}
    pending = list(part)
    first_layout = None
    while pending:
        for product in pending:
            entry = entries[product.slug]
            limit = STORY_LIMITS[entry["story_limit"]]
            entry["story"] = short_story(product, language, limit) if limit else []
        laid_out = _render("booklet_products.html.j2", first_page, common, crop_marks, part,
                           entries=[entries[p.slug] for p in pending], hero=BOOKLET_HERO, qr_mm=QR_BOOKLET_MM)
        first_layout = first_layout or laid_out
        overflowing = set(document.overflowing(laid_out))
        starts = document.anchor_pages(laid_out)
        for product in pending:
            if product.slug not in overflowing:
                pages[product.slug] = laid_out.pages[starts[f"fit-start-{product.slug}"]]
            elif entries[product.slug]["story_limit"] + 1 < len(STORY_LIMITS):
                entries[product.slug]["story_limit"] += 1
            else:
                raise DoesNotFit(Term("the A5 catalogue page"), str(product.stories[language].path), [product.slug])
        pending = [p for p in pending if p.slug not in pages]
    return first_layout.copy([pages[p.slug] for p in part])


def back_pdf(ordered: list[Product], first_page: int, language: str, site_url: str, crop_marks: bool = False,
             showrooms: tuple[Showroom, ...] = (), profile: str = press.SCREEN) -> bytes:
    """Index, map, the fillers the page count needs and back cover, for product pages numbered from
    `first_page`."""
    facts = _numbered_facts(ordered, first_page, language, site_url)
    back_starts = first_page + len(ordered)
    rooms = [{"number": f"S{n}", "name": getattr(room.name, language), "address": room.address,
              "illustrative": room.illustrative} for n, room in enumerate(showrooms, start=1)]
    markers = [*[Marker(p.record.coordinates.lat, p.record.coordinates.lon, str(facts[p.slug]["page"]))
                 for p in ordered],
               *[Marker(room.coordinates.lat, room.coordinates.lon, f"S{n}", "showroom")
                 for n, room in enumerate(showrooms, start=1)]]
    example = ordered[0] if ordered else None
    back = _render("booklet_back.html.j2", back_starts, _common(language, site_url, profile), crop_marks, ordered,
                   localities=_index(ordered, facts, language), showrooms=rooms,
                   map=map_svg(*MAP_MM, markers, language, marker_mm=3.6),
                   example=facts[example.slug] if example else None,
                   example_qr=qr_svg(example, site_url, 22) if example else None)
    anchors = document.anchor_pages(back)
    fillers = {name: back.pages[anchors[name]] for name in (*FILLERS, "filler-notes")}
    main = back.pages[:anchors[FILLERS[0]]]  # index and map
    padding = -(back_starts - 1 + len(main) + 1) % PAGES_PER_SHEET
    chosen = [fillers[name] for name in FILLERS][:padding]
    chosen += [fillers["filler-notes"]] * (padding - len(chosen))
    return document.to_pdf(back.copy([*main, *chosen, back.pages[-1]]), profile)


def _common(language: str, site_url: str, profile: str = press.SCREEN) -> dict[str, object]:
    return {
        "piece": "booklet",
        "title": f"{t('booklet_title', language)} — {t('booklet_subtitle', language)}",
        "language": language,
        "font_pt": FONT_PT,
        "labels": Labels(language),
        "home_url": _home(site_url, language),
        "profile": profile,
    }


def _numbered_facts(ordered: list[Product], first_page: int, language: str, site_url: str) -> dict[str, dict]:
    facts = {}
    for number, product in enumerate(ordered, start=first_page):
        facts[product.slug] = product_facts(product, language, site_url) | {"page": number,
                                                                            "href": page_link(number)}
    return facts


def _render(template: str, first_page: int, common: dict[str, object], crop_marks: bool, products: list[Product],
            **context: object):
    folders = {content_folder(product) for product in products}
    return document.render(template, STYLESHEET, A5, crop_marks, first_page=first_page, folders=sorted(folders),
                           **common, **context)


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
