"""Templates + print CSS → a WeasyPrint document → print-ready PDF bytes.

Bleed. Every page is its trim size plus BLEED_MM on each side; WeasyPrint writes the trim as the PDF
TrimBox and the sheet as the MediaBox. It places the PDF BleedBox "at most 10 points" outside the trim,
so the finisher sets it to exactly BLEED_MM. Backgrounds and photos meant to run off the edge are drawn
BLEED_MM past the trim by the templates, never further.

Crop marks. WeasyPrint draws `marks: crop` in the outer half of the CSS bleed area. With the bleed at
3 mm they would sit under the artwork's bleed, so with crop marks the sheet grows by MARKS_MM more
(CSS bleed 10 mm): the marks then run from 5 to 10 mm outside the trim, clear of the 3 mm of artwork.
Templates see `crop_marks` (the brochure adds fold marks in the same place).

Fit. Templates mark the end of every block that must not overflow (`id="fit-end-<name>"`, as tall as
the gap to keep) and the limit it must stay above (`id="fit-limit-<name>"`) or the start it must stay
on the page of (`id="fit-start-<name>"`). `overflowing` reads their positions from the laid-out pages,
so a piece can try a tighter variant before anything is written.

Colour. `profile` is press.SCREEN (RGB, the site's downloads) or press.PRESS (PDF/X-4, CMYK with the
FOGRA39 output intent, text in black only): press.py converts the style sheets, the HTML and the photos.

Determinism: WeasyPrint writes no date and no /ID unless asked (see qr/artwork.py); the PDF/X dates are
fixed (press.py).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from ocop_site.targets.pdf_fetcher import ClosedFetcher
from ocop_site.targets.printables import press
from ocop_site.targets.printables.geometry import BLEED_MM, MARKS_MM, MM_PER_INCH
from ocop_site.targets.printables.layout_cache import cached_line_breaks
from ocop_site.targets.printables.text import nfc

TEMPLATES = Path(__file__).parent / "templates"
PRINT_FONTS = Path(__file__).parent.parent / "print_fonts.css"
PT_PER_MM = 72 / MM_PER_INCH
_FIT_MARKER = re.compile(r'id="fit-end-([^"]+)"')


def render(template: str, stylesheet: str, trim_mm: tuple[float, float], crop_marks: bool, first_page: int = 1,
           profile: str = press.SCREEN, folders: Iterable[Path] = (), line_cache: bool = True, **context: object):
    """Lay out `template` styled by `stylesheet` (both in templates/) on pages of `trim_mm`, numbered from
    `first_page`, in the colour `profile`; returns a WeasyPrint Document. The template sees `crop_marks` and
    `profile` too. It reads files of the package and of `folders` (the content folder, for photos) only:
    anything else raises FetchRefused. `line_cache`: see lay_out."""
    html = nfc(_templates().get_template(template).render(crop_marks=crop_marks, profile=profile, **context))
    fonts, stylesheets = _stylesheets(stylesheet, profile)
    return lay_out(html, TEMPLATES, fonts, stylesheets, page_css(trim_mm, crop_marks, first_page), profile,
                   folders, template, line_cache)


def lay_out(html: str, base: Path, fonts, stylesheets: list, page: str, profile: str = press.SCREEN,
            folders: Iterable[Path] = (), what: str = "document", line_cache: bool = True):
    """HTML and parsed style sheets → a WeasyPrint Document, in the colour `profile`. Everything is read
    through a ClosedFetcher of `folders` (pdf_fetcher.py); what it refused raises FetchRefused naming `what`.
    `line_cache`: reuse line breaks within the render (layout_cache.py); it pays where balanced columns lay
    the same text out again (flyer: 0.85× the CPU), not in a piece without columns (brochure: 1.03×)."""
    from weasyprint import CSS, HTML  # imported here: loading Pango is slow for callers who need no PDF

    folders = tuple(folders)
    fetcher = ClosedFetcher(folders)
    if profile == press.PRESS:
        html = press.html(html, fetcher.served_file)  # photos the fetcher serves, converted to CMYK copies
        fetcher = ClosedFetcher([*folders, press.PHOTO_FOLDER])  # which it then reads from there
        page += "\n" + press.profile_css()
    options = {"pdf_variant": press.PDF_VARIANT} if profile == press.PRESS else {}
    profiles: dict = {}  # filled by the @color-profile rule of PRESS; WeasyPrint makes it the output intent
    page_sheet = CSS(string=page, font_config=fonts, color_profiles=profiles, url_fetcher=fetcher)
    with cached_line_breaks() if line_cache else contextlib.nullcontext():
        laid_out = HTML(string=html, base_url=str(base), url_fetcher=fetcher).render(
            stylesheets=[*stylesheets, page_sheet], font_config=fonts, color_profiles=profiles, **options)
    fetcher.check(what)
    laid_out.fit_names = set(_FIT_MARKER.findall(html))  # what `overflowing` must find on some page
    return laid_out


def page_css(trim_mm: tuple[float, float], crop_marks: bool, first_page: int = 1) -> str:
    width, height = trim_mm
    bleed = BLEED_MM + (MARKS_MM if crop_marks else 0)
    marks = "crop" if crop_marks else "none"
    return (f"@page {{ size: {width}mm {height}mm; margin: 0; bleed: {bleed}mm; marks: {marks}; }}\n"
            f"@page :first {{ counter-reset: page {first_page}; }}")


def to_pdf(document, profile: str = press.SCREEN) -> bytes:
    if profile == press.PRESS:
        document.metadata.created = document.metadata.modified = press.FIXED_DATE

        def finish(document, pdf) -> None:
            _set_bleed_box(document, pdf)
            press.finish(document, pdf)

        return document.write_pdf(finisher=finish, pdf_variant=press.PDF_VARIANT)
    return document.write_pdf(finisher=_set_bleed_box)  # no date, no /ID: same input, same bytes


def profile_of(document) -> str:
    """The profile a laid-out document was rendered in (pages copied from it keep it)."""
    return press.PRESS if getattr(document, "output_intent", None) else press.SCREEN


def overflowing(document, pages: int | None = None) -> list[str]:
    """Names of the fit markers whose block overflowed: its end is on another page than its start marker
    or its limit, or below its limit, or on no page at all; and "pages" if the page count is not `pages`."""
    where = _fit_markers(document)
    problems = ["pages"] if pages is not None and len(document.pages) != pages else []
    # a block pushed off every page: WeasyPrint drops an absolutely placed panel whose text runs far past its foot
    expected = getattr(document, "fit_names", set())
    problems += sorted(name for name in expected if f"fit-end-{name}" not in where)
    for anchor, (page, y) in where.items():
        if not anchor.startswith("fit-end-"):
            continue
        name = anchor.removeprefix("fit-end-")
        start = where.get(f"fit-start-{name}")
        limit = where.get(f"fit-limit-{name}")
        if (start and start[0] != page) or (limit and (limit[0] != page or limit[1] < y)):
            problems.append(name)
    return problems


def overrun_mm(document, name: str) -> float | None:
    """How far the block `name` ends below its limit, in millimetres (negative: the room left); None when
    its end and its limit are not on one page."""
    where = _fit_markers(document)
    end, limit = where.get(f"fit-end-{name}"), where.get(f"fit-limit-{name}")
    if not end or not limit or end[0] != limit[0]:
        return None
    return (end[1] - limit[1]) * MM_PER_INCH / 96  # CSS pixels, 96 an inch


def _fit_markers(document) -> dict[str, tuple[int, float]]:
    """Each fit marker's first page and height on it: an end marker's foot (its height is the gap kept),
    the others' top."""
    found: dict[str, tuple[int, float]] = {}
    for number, page in enumerate(document.pages):
        for anchor, (_, top, _, bottom) in page.anchors.items():
            if anchor.startswith("fit-"):
                found.setdefault(anchor, (number, bottom if anchor.startswith("fit-end-") else top))
    return found


def anchor_pages(document) -> dict[str, int]:
    """The index of the page each anchor (element id) is first on."""
    pages: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            pages.setdefault(anchor, number)
    return pages


def _set_bleed_box(document, pdf) -> None:
    """WeasyPrint's finisher hook: every page's BleedBox BLEED_MM outside its TrimBox."""
    import pydyf  # WeasyPrint's PDF writer

    bleed = BLEED_MM * PT_PER_MM
    for number in pdf.pages["Kids"][::3]:  # "n 0 R" references, three items each
        page = pdf.objects[number]
        left, bottom, right, top = page["TrimBox"]
        page["BleedBox"] = pydyf.Array([left - bleed, bottom - bleed, right + bleed, top + bleed])


def _stylesheets(name: str, profile: str = press.SCREEN) -> tuple[object, list[object]]:
    """The font configuration and the parsed style sheets of one piece, once per process: reading the
    six WOFF2 fonts takes most of a second, more than laying out a flyer."""
    return stylesheets((TEMPLATES / "print.css", TEMPLATES / name), profile)


@cache
def stylesheets(paths: tuple[Path, ...], profile: str = press.SCREEN) -> tuple[object, list[object]]:
    """The print fonts and these style sheets, parsed once per process and profile (press.css converts the
    colours of PRESS)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts, fetcher = FontConfiguration(), ClosedFetcher()
    sheets = [CSS(filename=str(PRINT_FONTS), font_config=fonts, url_fetcher=fetcher)]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        sheets.append(CSS(string=press.css(text) if profile == press.PRESS else text, base_url=str(path),
                          font_config=fonts, url_fetcher=fetcher))
    fetcher.check(", ".join(path.name for path in paths))
    return fonts, sheets


@cache
def _templates() -> Environment:
    return Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)
