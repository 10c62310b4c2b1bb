"""Print artwork for a QR symbol — SVG, PNG, a PDF label and A4 label sheets — all drawn from its module matrix.

Sizes. Every symbol prints SYMBOL_MM = 18.5 mm wide including its quiet zone of exactly 4 modules:
a version-3 symbol (29 + 2×4 = 37 modules) at the minimum 0.5 mm module; smaller versions scale up
to the same width (version 2: 0.56 mm, version 1: 0.64 mm), so a label keeps one layout and a module
is never below 0.5 mm. An explicit `module_mm` below 0.5 is refused. The PNG rounds the module to
whole pixels (600 dpi: 12 px = 0.508 mm for version 3), so it may differ from 18.5 mm by a fraction
of a millimetre; the SVG and the PDF are exact.

Label. 50 × 30 mm, the common sticker size for packaging in Viet Nam: the code at 18.5 mm on the
left, its clear-text code under it, the names and stars on the right, the two-language caption
along the bottom. White background and nothing near the cut, so no bleed is needed. Type is Be
Vietnam Pro from the site's self-hosted subsets, declared once for all print in
targets/print_fonts.css (it says why each subset is its own family); WeasyPrint embeds the used
glyphs. Stars are drawn as vector shapes: the font has no ★.

Sheets. A4 sheets hold 3 × 7 labels with cut marks at every corner, in the gutters. WeasyPrint lays
out only a sheet's frame (title, page numbers, cut marks); pikepdf then imposes each label's own PDF
onto it as a form XObject (milliseconds a label, where laying every label out again cost a WeasyPrint
layout of the whole sheet). A label printed several times is embedded once.

Determinism. The SVG and PNG are plain functions of the matrix. WeasyPrint 69 writes no creation
date unless the HTML asks for one (`dcterms.created`), and no /ID unless `pdf_identifier` is given,
so the same input gives the same PDF bytes; the tests check it across processes.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup
from PIL import Image

from ocop_site.i18n import t
from ocop_site.targets.pdf_fetcher import ClosedFetcher
from ocop_site.targets.qr.symbol import Symbol

QUIET_ZONE = 4  # modules of white on each side, exactly
MIN_MODULE_MM = 0.5
SYMBOL_MM = 18.5  # printed width including the quiet zone: 37 modules of a version-3 symbol × 0.5 mm
MM_PER_INCH = 25.4

TEMPLATES = Path(__file__).parent / "templates"
PRINT_FONTS = Path(__file__).parent.parent / "print_fonts.css"  # shared with the printables
CODE_MM = 17  # widest clear-text code: 1.75 mm from the cut on a 50 × 30 mm label
LONG_NAMES = 56  # characters of both names together above which they are set a size smaller
SHEET_COLUMNS, SHEET_ROWS = 3, 7  # 50 × 30 mm labels on A4, with gutters to cut along
LABEL_MM = (50, 30)
SHEET_PAGE_MM = (210, 297)  # A4
SHEET_ORIGIN_MM = (22, 16)  # the grid's top-left corner: sheet.html.j2's page margins, its 166 mm grid centred
SHEET_PITCH_MM = (58, 36)  # a label and its gutter, across and down (label.css)


@dataclass(frozen=True)
class LabelData:
    """What one label shows."""

    symbol: Symbol
    code: str
    name_vi: str
    name_en: str
    stars: int
    expired: str = ""  # dd/mm/yyyy when the certificate has ended: printed instead of the stars


def width_modules(symbol: Symbol) -> int:
    """Modules across the printed square, quiet zone included."""
    return symbol.size + 2 * QUIET_ZONE


def default_module_mm(symbol: Symbol) -> float:
    return SYMBOL_MM / width_modules(symbol)


def to_svg(symbol: Symbol, module_mm: float | None = None) -> str:
    """One path of horizontal runs; sized in mm, viewBox in modules (quiet zone included)."""
    module_mm = _checked(module_mm, symbol)
    n = width_modules(symbol)
    side = _number(n * module_mm)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{side}mm" height="{side}mm" viewBox="0 0 {n} {n}" '
        f'shape-rendering="crispEdges">'
        f'<rect width="{n}" height="{n}" fill="#fff"/>'
        f'<path fill="#000" d="{_path_data(symbol)}"/>'
        "</svg>\n"
    )


def to_png(symbol: Symbol, dpi: int = 600, module_mm: float | None = None) -> bytes:
    """A 1-bit PNG with `dpi` recorded; whole pixels per module, so every module has the same size."""
    module_mm = _checked(module_mm, symbol)
    # Round to whole pixels per module, then step up if rounding took the module below the minimum.
    pixels = round(module_mm * dpi / MM_PER_INCH)
    if pixels * MM_PER_INCH / dpi < MIN_MODULE_MM:
        pixels += 1
    n = width_modules(symbol)
    small = Image.new("1", (n, n), 1)
    small.putdata([0 if dark else 1 for row in _padded(symbol) for dark in row])
    image = small.resize((n * pixels, n * pixels), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, format="PNG", dpi=(dpi, dpi))
    return out.getvalue()


def to_label_pdf(symbol: Symbol, *, code: str, name_vi: str, name_en: str, stars: int, expired: str = "") -> bytes:
    """One 50 × 30 mm label: vector code, clear-text code, names, stars (or the certificate's end) and the
    scan caption."""
    label = LabelData(symbol, code, name_vi, name_en, stars, expired)
    return _render_pdf("label.html.j2", labels=[_label_context(label)], title=f"{code} — {_nfc(name_vi)}")


def to_label_sheet_pdf(labels: list[LabelData], title: str) -> bytes:
    """A4 pages of labels in a SHEET_COLUMNS × SHEET_ROWS grid, the title at the top of each page."""
    made: dict[LabelData, bytes] = {}
    for label in labels:
        if label not in made:
            made[label] = to_label_pdf(label.symbol, code=label.code, name_vi=label.name_vi, name_en=label.name_en,
                                       stars=label.stars, expired=label.expired)
    return impose_labels([made[label] for label in labels], title)


def impose_labels(labels: Sequence[bytes | Path], title: str) -> bytes:
    """The label sheets from the labels' own PDFs (to_label_pdf's, one page each): the frame laid out by
    WeasyPrint, each label placed on it as a form XObject, in order, SHEET_COLUMNS × SHEET_ROWS a page."""
    import pikepdf

    per_page = SHEET_COLUMNS * SHEET_ROWS
    counts = [min(per_page, len(labels) - i) for i in range(0, len(labels), per_page)] or [0]
    frame = _render_pdf("sheet.html.j2", pages=[range(count) for count in counts], title=_nfc(title),
                        columns=SHEET_COLUMNS)
    sources: list[pikepdf.Pdf] = []
    try:
        with pikepdf.open(io.BytesIO(frame)) as sheet:
            forms: dict[bytes | Path, tuple[pikepdf.Name, pikepdf.Object]] = {}  # a label printed twice: one copy
            draws: list[list[bytes]] = [[] for _ in sheet.pages]
            for index, label in enumerate(labels):
                if label not in forms:
                    sources.append(pikepdf.open(label if isinstance(label, Path) else io.BytesIO(label)))
                    name = pikepdf.Name(f"/Label{len(forms)}")  # named in order: same input, same bytes
                    forms[label] = name, sheet.copy_foreign(sources[-1].pages[0].as_form_xobject())
                name, form = forms[label]
                resources = sheet.pages[index // per_page].Resources
                if "/XObject" not in resources:
                    resources.XObject = pikepdf.Dictionary()
                resources.XObject[name] = form
                left, bottom = _cell_corner(index % per_page)
                draws[index // per_page].append(f"q 1 0 0 1 {left:.4f} {bottom:.4f} cm {name} Do Q\n".encode())
            for page, page_draws in zip(sheet.pages, draws, strict=True):
                page.contents_add(pikepdf.Stream(sheet, b"q\n"), prepend=True)  # the frame's graphics state…
                page.contents_add(pikepdf.Stream(sheet, b"Q\n" + b"".join(page_draws)))  # …ends before the labels
                page.contents_coalesce()  # one content stream a page, as WeasyPrint writes it
            out = io.BytesIO()
            sheet.save(out, deterministic_id=True)  # the /ID is a hash of the content: same input, same bytes
            return out.getvalue()
    finally:
        for source in sources:
            source.close()


def _cell_corner(cell: int) -> tuple[float, float]:
    """The bottom-left corner of cell number `cell` of a sheet page, in PDF points from the page's."""
    pt = 72 / MM_PER_INCH
    left = SHEET_ORIGIN_MM[0] + cell % SHEET_COLUMNS * SHEET_PITCH_MM[0]
    top = SHEET_ORIGIN_MM[1] + cell // SHEET_COLUMNS * SHEET_PITCH_MM[1]
    return left * pt, (SHEET_PAGE_MM[1] - top - LABEL_MM[1]) * pt


def _checked(module_mm: float | None, symbol: Symbol) -> float:
    if module_mm is None:
        return default_module_mm(symbol)
    if module_mm < MIN_MODULE_MM:
        raise ValueError(f"module size {module_mm} mm is below the {MIN_MODULE_MM} mm minimum for print")
    return module_mm


def _padded(symbol: Symbol) -> list[tuple[bool, ...]]:
    """The matrix with its quiet zone."""
    blank = (False,) * width_modules(symbol)
    side = (False,) * QUIET_ZONE
    return [blank] * QUIET_ZONE + [side + row + side for row in symbol.modules] + [blank] * QUIET_ZONE


def _path_data(symbol: Symbol) -> str:
    """`M x y h w v1 h -w z` for each horizontal run of dark modules, row by row."""
    runs = []
    for y, row in enumerate(symbol.modules, start=QUIET_ZONE):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            start = x
            while x < len(row) and row[x]:
                x += 1
            runs.append(f"M{start + QUIET_ZONE} {y}h{x - start}v1h-{x - start}z")
    return "".join(runs)


def _number(value: float) -> str:
    """At most three decimals, no trailing zeros: the same value always prints the same way."""
    return f"{value:.3f}".rstrip("0").rstrip(".")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _label_context(label: LabelData) -> dict[str, object]:
    return {
        "svg": Markup(to_svg(label.symbol)),
        "code": label.code,
        "code_pt": _code_size_pt(label.code),
        "name_vi": _nfc(label.name_vi),
        "name_en": _nfc(label.name_en),
        "stars": label.stars,
        "expired": label.expired,
        "long": len(label.name_vi) + len(label.name_en) > LONG_NAMES,
    }


def _code_size_pt(code: str) -> float:
    """Font size at which the code fits under the symbol, clear of the cut: 7 pt, smaller for long codes."""
    fits = CODE_MM / MM_PER_INCH * 72 / (0.7 * len(code))  # bold capitals run about 0.7 em wide
    return min(7.0, math.floor(fits * 10) / 10)


@cache
def _templates() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["t"] = t  # a label prints both languages: t(key, language)
    return env


def _render_pdf(template: str, **context: object) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint loads Pango, slow for callers who need no PDF

    html = _templates().get_template(template).render(**context)
    fonts, stylesheets = _stylesheets()
    fetcher = ClosedFetcher()  # labels show nothing from the content folder
    pdf = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher).write_pdf(
        stylesheets=stylesheets, font_config=fonts)
    fetcher.check(template)
    return pdf


@cache
def _stylesheets() -> tuple[object, list[object]]:
    """The font configuration and parsed style sheets, once per process: loading the print fonts
    costs several times the layout of a label."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts, fetcher = FontConfiguration(), ClosedFetcher()
    sheets = [CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher)
              for path in (PRINT_FONTS, TEMPLATES / "label.css")]
    fetcher.check("label.css")
    return fonts, sheets
