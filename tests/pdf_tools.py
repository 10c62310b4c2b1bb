"""Real-tool helpers for tests of PDFs and QR codes: poppler renders, zxing-cpp decodes."""

from __future__ import annotations

import html
import io
import math
import random
import re
import shutil
import subprocess
from pathlib import Path
from statistics import NormalDist

import pytest
import zxingcpp
from PIL import Image, ImageChops, ImageFilter, ImageOps

MM_PER_PT = 25.4 / 72


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} not found: install the Debian package poppler-utils")
    return path


def run(*args: str | Path) -> str:
    return subprocess.run([tool(str(args[0])), *map(str, args[1:])], check=True, capture_output=True,
                          text=True).stdout


def decode(image: Image.Image) -> list[zxingcpp.Barcode]:
    return zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)


def rasterize(pdf: bytes, folder: Path, dpi: int = 300, page: int | None = None) -> list[Image.Image]:
    """Every page of the PDF (or only `page`, counted from 1) as an image, rendered by poppler. As PPM, not PNG:
    the same pixels, without compressing them (at 300 dpi 0.5 CPU-s for two A4 pages instead of 2.8)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "in.pdf").write_bytes(pdf)
    pages = ["-f", page, "-l", page] if page else []
    run("pdftoppm", "-r", dpi, *pages, folder / "in.pdf", folder / "page")
    return [Image.open(path) for path in sorted(folder.glob("page-*.ppm"))]


def dark_box(image: Image.Image) -> tuple[int, int, int, int]:
    """Bounding box of the dark pixels."""
    box = ImageOps.invert(image.convert("L")).point(lambda v: 255 if v > 127 else 0).getbbox()
    assert box is not None, "no dark pixels"
    return box


def pdf_text(pdf: Path, page: int | None = None, raw: bool = False) -> str:
    """The text, whitespace collapsed; `raw` keeps the order it is drawn in (document order for WeasyPrint)
    rather than poppler's reading order, which mixes side-by-side columns line by line."""
    pages = ["-f", page, "-l", page] if page else []
    return " ".join(run("pdftotext", *pages, *(["-raw"] if raw else []), pdf, "-").split())


def assert_fonts_embedded(pdf: Path) -> None:
    rows = run("pdffonts", pdf).splitlines()[2:]
    assert rows, "no fonts in the PDF"
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    # Letters such as ỏ and ơ come from the Vietnamese subset. Were it to merge with the Latin one (WeasyPrint
    # keys fonts by family, weight and style), pdftotext would still read right but the print would not.
    assert any("Be-Vietnam-Pro-Vietnamese" in row for row in rows), "the Vietnamese subset is not embedded"


def page_sizes_mm(pdf: Path) -> list[tuple[float, float]]:
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    info = run("pdfinfo", "-f", 1, "-l", pages, pdf)
    return [(float(w) * MM_PER_PT, float(h) * MM_PER_PT)
            for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info, re.M)]


def assert_fonts_subset(pdf: Path) -> None:
    """Every font embedded as a subset (pdffonts' 'sub' column), so the file carries only the glyphs it uses."""
    for row in run("pdffonts", pdf).splitlines()[2:]:
        assert row.split()[-4] == "yes", f"font not subset: {row}"


def page_boxes(pdf: Path) -> list[dict[str, tuple[float, ...]]]:
    """Per page, each PDF box ('MediaBox', 'TrimBox', 'BleedBox', ...) as (x0, y0, x1, y1) in points."""
    pages = int(re.search(r"^Pages:\s+(\d+)", run("pdfinfo", pdf), re.M).group(1))
    boxes: list[dict[str, tuple[float, ...]]] = [{} for _ in range(pages)]
    info = run("pdfinfo", "-box", "-f", 1, "-l", pages, pdf)
    for number, name, values in re.findall(r"^Page\s+(\d+) (\w+Box):\s+(.+)$", info, re.M):
        boxes[int(number) - 1][name] = tuple(float(v) for v in values.split())
    return boxes


def words_mm(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """The words of one page as (text, x0, y0, x1, y1) in mm from the top-left corner of the sheet (MediaBox)."""
    xml = run("pdftotext", "-bbox", "-f", page, "-l", page, pdf, "-")
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    return [(html.unescape(text), *(float(v) * MM_PER_PT for v in box))
            for *box, text in re.findall(pattern, xml)]


def svg_page(svg: Path, folder: Path, dpi: int = 300) -> Image.Image:
    """An SVG file drawn by a real renderer: WeasyPrint places it on a page, poppler rasterizes it."""
    from weasyprint import HTML

    html = ('<style>@page { size: 40mm; margin: 0 } body { margin: 0 } img { display: block; margin: 5mm }</style>'
            f'<img src="{svg.name}">')
    return rasterize(HTML(string=html, base_url=str(svg.parent)).write_pdf(), folder, dpi=dpi)[0]


# Print simulation

INK, PAPER = 30, 230  # grey levels of printed ink and of the label stock
PRINTED = {"blur": 1.2, "noise": 16, "tilt": 3.0, "skew": 0.03}  # blur 1.2 px at 300 dpi ≈ 0.1 mm
SMUDGED = {**PRINTED, "blur": 3.6}  # three times the blur: two thirds of a module


def print_and_scan(png: bytes, rng: random.Random, blur: float, noise: float, tilt: float, skew: float
                   ) -> Image.Image:
    """The code at its printed size at 300 dpi (a 0.5 mm module ≈ 5.9 px), tilted, skewed, blurred, noised."""
    image = Image.open(io.BytesIO(png)).convert("L")
    side = round(image.width * 300 / image.info["dpi"][0])
    image = image.resize((side, side), Image.Resampling.BOX).point(lambda v: INK + v * (PAPER - INK) // 255)
    pad = side // 8
    canvas = Image.new("L", (side + 2 * pad,) * 2, PAPER)
    canvas.paste(image, (pad, pad))
    angle, shear, centre = math.radians(rng.uniform(-tilt, tilt)), rng.uniform(-skew, skew), canvas.width / 2
    a, b, d, e = math.cos(angle), -math.sin(angle) + shear, math.sin(angle), math.cos(angle)
    affine = (a, b, centre - (a + b) * centre, d, e, centre - (d + e) * centre)
    canvas = canvas.transform(canvas.size, Image.Transform.AFFINE, affine, Image.Resampling.BILINEAR,
                              fillcolor=PAPER)
    canvas = canvas.filter(ImageFilter.GaussianBlur(blur))
    gauss = NormalDist(0, noise)
    levels = [min(255, max(0, 128 + round(gauss.inv_cdf((i + 0.5) / 256)))) for i in range(256)]
    # a uniformly drawn level per pixel: uniform random bytes looked up in `levels` (as rng.choices(levels) would
    # draw, without a Python call per pixel: 12.8 million of them in test_print_design.py)
    grain = Image.frombytes("L", canvas.size, rng.randbytes(canvas.width * canvas.height)).point(levels)
    return ImageChops.add(canvas, grain, 1.0, -128)


def scans(png: bytes, expected: str, degradation: dict[str, float]) -> int:
    """How many of 10 seeded print trials of a QR PNG decode to exactly `expected` at level Q."""
    decoded = 0
    for seed in range(10):
        results = decode(print_and_scan(png, random.Random(seed), **degradation))
        decoded += [(r.text, r.ec_level) for r in results] == [(expected, "Q")]
    return decoded


EPSILON = 0.5  # CSS px: rounding in the layout


def overflowing_text(document) -> list[str]:
    """Text boxes that reach outside their page's trim or beyond the right edge of the block that holds them,
    found by walking WeasyPrint's layout tree."""
    problems = []

    def walk(box, right_edge: float, page: int, width: float, height: float) -> None:
        from weasyprint.formatting_structure import boxes

        if isinstance(box, boxes.BlockContainerBox) and not isinstance(box, boxes.PageBox):
            right_edge = box.content_box_x() + box.width + box.padding_right + box.border_right_width
        if isinstance(box, boxes.TextBox) and box.text.strip():
            right = box.position_x + box.width
            bottom = box.position_y + box.height
            if right > right_edge + EPSILON or right > width + EPSILON or box.position_x < -EPSILON \
                    or bottom > height + EPSILON or box.position_y < -EPSILON:
                problems.append(f"page {page}: {box.text[:40]!r}")
        for child in getattr(box, "children", []):
            walk(child, right_edge, page, width, height)

    for number, page in enumerate(document.pages, start=1):
        walk(page._page_box, page.width, number, page.width, page.height)
    return problems
