"""Public page paths. Printed on paper, so they never change (see DESIGN.md, 'Public URLs').

Paths are the same in both languages; the English site lives under en/.
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from ocop_site.content.localities import fold, official_codes, official_names

LANGUAGE_PREFIX = {"vi": "", "en": "en/"}


def product_page(slug: str) -> str:
    return f"products/{slug}/"


def group_page(group: str) -> str:
    return f"groups/{group}/"


def locality_page(commune: str) -> str:
    return f"localities/{locality_slug(commune)}/"


def stars_page(stars: int) -> str:
    return f"stars/{stars}/"


def locality_slug(commune: str) -> str:
    """'Đặc khu Lý Sơn' → 'dac-khu-ly-son'. Official names that differ only in their diacritics ('Xã Ba Tô'
    and 'Xã Ba Tơ', 'Xã Sơn Hà' and 'Xã Sơn Hạ') add their ward code: 'xa-ba-to-21523', 'xa-ba-to-21484'."""
    slug = _ascii_slug(commune)
    return f"{slug}-{official_codes()[commune]}" if slug in _shared_slugs() else slug


def _ascii_slug(name: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


@cache
def _shared_slugs() -> frozenset[str]:
    counts = Counter(_ascii_slug(name) for name in official_names())
    return frozenset(slug for slug, count in counts.items() if count > 1)


def docs_file(page: str) -> str:
    """The Markdown file MkDocs turns into `page` (directory URLs): 'products/x/' → 'products/x.md'."""
    return "index.md" if page == "" else page.rstrip("/") + ".md"


def relative(from_page: str, to_path: str) -> str:
    """A relative link from a page (directory URL within one language) to a site path."""
    depth = from_page.count("/")
    return "../" * depth + to_path if depth else to_path or "./"


def to_site_root(from_page: str, language: str) -> str:
    """Prefix that leads from a page of `language` to the root of the whole site (where media live)."""
    return "../" * (from_page.count("/") + (1 if language == "en" else 0))


QR_FORMATS = (("svg", "SVG"), ("png", "PNG"), ("pdf", "PDF"))


def qr_artwork(code: str, ext: str) -> str:
    """QR artwork of a code (DESIGN.md: /qr/<CODE>.svg, .png, .pdf)."""
    return f"qr/{code}.{ext}"


def qr_sheet(group: str) -> str:
    """A4 label sheet of one OCOP group, or 'all'."""
    return f"qr/sheets/{group}.pdf"


PRINTABLE_KINDS = ("flyer-a5", "brochure-a4")


def printable(slug: str, kind: str, language: str) -> str:
    """A product's printable, named so that a print shop receiving the file knows what it is."""
    return f"print/{slug}/{slug}-{kind}-{language}.pdf"


def catalogue_booklet(language: str) -> str:
    return f"print/catalogue-{language}.pdf"


def share_card(slug: str, language: str) -> str:
    """The 1200×630 image shown when a product page is shared."""
    return f"share/{slug}.{language}.jpg"
