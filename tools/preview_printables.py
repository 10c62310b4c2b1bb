"""Draw the PNG previews of docs/printables.md from the sample content: each print piece as a visitor sees it.

    python tools/preview_printables.py [--content content] [--out docs/printables]

Renders the pieces with the same functions as the build (screen profile), rasterizes them with poppler's
pdftoppm at a low resolution, and puts the pages of each piece side by side in one PNG:

    flyer.png            the A5 flyer, front and back (Lý Sơn garlic, Vietnamese)
    brochure.png         the A4 tri-fold, outside above inside (Lý Sơn garlic, English)
    booklet.png          every page of the catalogue booklet (English)
    booklet-pages.png    the welcome page, a product page, the map and a padding page, larger
    guide.png            every page of the first trip guide (Vietnamese)
    labels.png           part of an A4 sheet of QR labels with its cut marks
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop_site.model.loader import load_catalog  # noqa: E402
from ocop_site.model.qr_payload import payload  # noqa: E402
from ocop_site.targets.printables import booklet_pdf, brochure_pdf, flyer_pdf  # noqa: E402
from ocop_site.targets.qr.artwork import LabelData, to_label_sheet_pdf  # noqa: E402
from ocop_site.targets.qr.symbol import make_symbol  # noqa: E402
from ocop_site.targets.trips.guide import guide_pdf  # noqa: E402

GAP = 12  # pixels between pages
BACKGROUND = (96, 96, 96)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "printables")
    args = parser.parse_args()
    catalog = load_catalog(args.content)
    site_url = catalog.site.site_url
    product = catalog.products["ly-son-garlic"]
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        _row(_pages(flyer_pdf(product, "vi", site_url), work, 60), args.out / "flyer.png")
        _column(_pages(brochure_pdf(product, "en", site_url), work, 45), args.out / "brochure.png")
        booklet = booklet_pdf(catalog.listed, "en", site_url, showrooms=tuple(catalog.site.showrooms))
        _grid(_pages(booklet, work, 20), 8, args.out / "booklet.png")
        pages = _pages(booklet, work, 50)
        _row([pages[1], pages[3], pages[-3], pages[-2]], args.out / "booklet-pages.png")
        trip = next(iter(catalog.trips.values()))
        _grid(_pages(guide_pdf(trip, "vi", site_url), work, 20), 8, args.out / "guide.png")
        labels = [LabelData(make_symbol(payload(site_url, p.record.code)), p.record.code, p.name("vi"), p.name("en"),
                            p.record.stars) for p in catalog.listed[:6]]
        sheet = _pages(to_label_sheet_pdf(labels, "Nhãn QR — OCOP Quảng Ngãi"), work, 60)[0]
        sheet.crop((0, 0, sheet.width, sheet.height // 3)).save(args.out / "labels.png", optimize=True)
    print(f"previews written to {args.out}")


def _pages(pdf: bytes, folder: Path, dpi: int) -> list[Image.Image]:
    for old in folder.glob("page-*.png"):
        old.unlink()
    (folder / "in.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(folder / "in.pdf"), str(folder / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page-*.png"))]


def _row(pages: list[Image.Image], target: Path) -> None:
    _grid(pages, len(pages), target)


def _column(pages: list[Image.Image], target: Path) -> None:
    _grid(pages, 1, target)


def _grid(pages: list[Image.Image], columns: int, target: Path) -> None:
    width = max(page.width for page in pages)
    height = max(page.height for page in pages)
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (columns * (width + GAP) + GAP, rows * (height + GAP) + GAP), BACKGROUND)
    for index, page in enumerate(pages):
        sheet.paste(page, (GAP + index % columns * (width + GAP), GAP + index // columns * (height + GAP)))
    sheet.save(target, optimize=True)


if __name__ == "__main__":
    main()
