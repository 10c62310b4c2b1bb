"""Typst against WeasyPrint: an equivalent flyer, brochure and QR label of each sample product, measured
in CPU-seconds and checked against the print specification of the printables.

    pip install typst        # not a dependency of the project: Typst is measured here, not used
    python benchmarks/typst_compare.py [--content DIR] [--out DIR]

For every listed product and both languages it writes the same texts the WeasyPrint pieces print (the
record's facts, the story excerpts at the longest limit, the pull quote, the packaging code as vector
SVG, the hero photo) into a JSON file and lays them out with three small Typst templates: an A5 flyer
and an A4 tri-fold brochure, both with 3 mm of bleed, and a 50 × 30 mm label. Typst reads TrueType, not
WOFF2: the fonts are the site's Be Vietnam Pro subsets merged into one TTF per weight (as the share cards
do). It prints the median CPU-seconds of one piece (`time.process_time`, fonts loaded once before) and,
for the first product's files, what the print specification asks: page size with bleed, TrimBox and
BleedBox, every font embedded, Vietnamese text extractable, the QR code vector and decodable, PDF/X.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop_site.model.loader import load_catalog  # noqa: E402
from ocop_site.model.qr_payload import payload  # noqa: E402
from ocop_site.targets.printables.facts import product_facts, pull_quote, short_story  # noqa: E402
from ocop_site.targets.qr.artwork import to_svg  # noqa: E402
from ocop_site.targets.qr.symbol import make_symbol  # noqa: E402
from ocop_site.targets.share.fonts import merged_font  # noqa: E402

TODAY = dt.date(2026, 11, 22)
BLEED = 3  # mm

PREAMBLE = """
#let d = json("data.json")
#set text(font: "Be Vietnam Pro", lang: d.language, size: 9.5pt)
#set par(justify: false, leading: 0.5em)
"""

FLYER = PREAMBLE + """
#set page(width: 154mm, height: 216mm, margin: 0mm)
#place(top + left, image("hero.jpg", width: 154mm, height: 118mm, fit: "cover"))
#place(top + left, dx: 14mm, dy: 126mm, block(width: 92mm)[
  #text(size: 22pt, weight: 700, d.name) \\
  #text(size: 12pt, d.other_name) \\
  #v(2mm) #text(weight: 700, d.stars_label) · #d.group \\
  #d.commune, #d.province
])
#place(top + left, dx: 112mm, dy: 150mm, image("qr.svg", width: 28mm))
#place(bottom + left, dx: 14mm, dy: -12mm, block(width: 126mm, text(size: 8pt, d.url)))
#pagebreak()
#place(top + left, block(width: 154mm, height: 22mm, fill: rgb("#1f4a28"), inset: (x: 14mm, top: 10mm),
  text(fill: white, size: 13pt, weight: 700, d.title)))
#place(top + left, dx: 14mm, dy: 28mm, block(width: 126mm, height: 120mm, columns(2, gutter: 7mm)[
  #for s in d.story [ #text(weight: 700, s.heading) \\ #s.text #parbreak() ]
  #text(size: 11pt, weight: 700, ["#d.quote"])
]))
#place(bottom + left, dx: 14mm, dy: -14mm, block(width: 126mm)[
  #text(weight: 700, d.producer.name) \\ #d.producer.address \\ #d.producer.phone
])
"""

BROCHURE = PREAMBLE + """
#set page(width: 303mm, height: 216mm, margin: 0mm)
#let panel(x, w, body) = place(top + left, dx: x, dy: 3mm + 12mm, block(width: w - 24mm, body))
#panel(15mm, 97mm)[#text(weight: 700, d.summary) #v(3mm) #for (k, v) in d.details [ *#k*: #v \\ ]]
#panel(112mm, 100mm)[*#d.producer.name* \\ #d.producer.address \\ #d.producer.phone #v(4mm)
  #image("qr.svg", width: 30mm)]
#place(top + left, dx: 200mm, image("hero.jpg", width: 103mm, height: 120mm, fit: "cover"))
#place(top + left, dx: 212mm, dy: 130mm, block(width: 76mm)[#text(size: 20pt, weight: 700, d.name) \\
  #d.stars_label · #d.group])
#pagebreak()
#panel(15mm, 100mm)[#d.opening]
#panel(115mm, 100mm)[#for s in d.story.slice(0, 2) [ *#s.heading* \\ #s.text #parbreak() ]
  #text(size: 11pt, weight: 700, d.quote)]
#panel(215mm, 97mm)[#for s in d.story.slice(2) [ *#s.heading* \\ #s.text #parbreak() ]]
"""

LABEL = """
#let d = json("data.json")
#set text(font: "Be Vietnam Pro", lang: "vi")
#set page(width: 50mm, height: 30mm, margin: 0mm)
#place(top + left, dx: 1mm, dy: 1mm, image("qr.svg", width: 18.5mm))
#place(top + left, dy: 19.4mm, block(width: 20.5mm, align(center, text(size: 7pt, weight: 700, d.code))))
#place(top + left, dx: 20mm, dy: 2.6mm, block(width: 28.5mm)[
  #text(size: 7.5pt, weight: 700, d.name_vi) \\ #text(size: 6pt, d.name_en) \\ #text(size: 6pt, d.stars_label)])
#place(bottom + center, dy: -1.2mm, text(size: 5.5pt)[Quét mã để đọc câu chuyện / Scan to read the story])
"""


def data(product, language: str, site_url: str) -> dict:
    facts = product_facts(product, language, site_url)
    story = short_story(product, language, 560)
    opening = product.stories[language].passages.get("lead")
    return {**{k: facts[k] for k in ("language", "name", "other_name", "stars_label", "group", "commune",
                                      "province", "summary", "url", "producer")},
            "title": f"{facts['name']}", "details": dict(facts["details"]),
            "story": [{"heading": s.heading, "text": str(s.html)} for s in story],
            "opening": " ".join(text for _, text in opening.print_blocks)[:560] if opening else "",
            "quote": pull_quote(product, language), "code": product.record.code,
            "name_vi": product.name("vi"), "name_en": product.name("en")}


def compile_piece(typst, folder: Path, source: str, fonts: Path) -> tuple[bytes, float]:
    (folder / "main.typ").write_text(source, encoding="utf-8")
    began = time.process_time()
    pdf = typst.compile(str(folder / "main.typ"), root=str(folder), font_paths=[str(fonts)],
                        ignore_system_fonts=True)
    return pdf, time.process_time() - began


def check(pdf_path: Path, trim_mm: tuple[float, float], bleed: float) -> dict[str, object]:
    import pikepdf

    found: dict[str, object] = {}
    with pikepdf.open(pdf_path) as pdf:
        page = pdf.pages[0]
        box = [float(v) for v in page.MediaBox]
        found["page mm"] = tuple(round((box[i + 2] - box[i]) * 25.4 / 72, 1) for i in (0, 1))
        found["expected mm"] = (trim_mm[0] + 2 * bleed, trim_mm[1] + 2 * bleed)
        found["TrimBox"] = "/TrimBox" in page.obj
        found["BleedBox"] = "/BleedBox" in page.obj
        found["PDF/X"] = "/OutputIntents" in pdf.Root and "/GTS_PDFXVersion" in pdf.trailer.get("/Info", {})
        found["raster images on page 1"] = len(page.get_images())  # the photo; the QR code is vector
    fonts = subprocess.run(["pdffonts", str(pdf_path)], capture_output=True, text=True).stdout.splitlines()[2:]
    found["fonts"] = [line.split()[0] for line in fonts]
    found["all embedded"] = all(line.split()[-5] == "yes" for line in fonts)
    text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True).stdout
    found["Vietnamese text"] = any(char in text for char in "Đđơưạếộữỹẩẳặậểịọồờởụừỳ")
    found["QR decodes"] = decodes(pdf_path)
    return found


def decodes(pdf_path: Path) -> list[str]:
    try:
        import zxingcpp
        from PIL import Image
    except ImportError:
        return ["(zxing-cpp not installed)"]
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", str(pdf_path), f"{folder}/p"],
                       check=True)
        page = Image.open(next(Path(folder).glob("p*.png")))
        return [result.text for result in zxingcpp.read_barcodes(page)]


def main() -> None:
    import typst

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--out", type=Path, default=Path(tempfile.mkdtemp(prefix="typst-compare-")))
    options = parser.parse_args()
    catalog = load_catalog(options.content, today=TODAY)
    site_url = catalog.site.site_url
    fonts = options.out / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for weight in (400, 700):
        (fonts / f"be-vietnam-pro-{weight}.ttf").write_bytes(merged_font(weight))
    seconds: dict[str, list[float]] = {"flyer": [], "brochure": [], "label": []}
    first: dict[str, Path] = {}
    warm = True
    for product in catalog.listed:
        for language in ("vi", "en"):
            folder = options.out / f"{product.slug}-{language}"
            folder.mkdir(exist_ok=True)
            (folder / "data.json").write_text(json.dumps(data(product, language, site_url), ensure_ascii=False),
                                              encoding="utf-8")
            shutil.copyfile(product.image_path(0), folder / "hero.jpg")
            (folder / "qr.svg").write_text(to_svg(make_symbol(payload(site_url, product.record.code))),
                                           encoding="utf-8")
            for kind, source in (("flyer", FLYER), ("brochure", BROCHURE), ("label", LABEL)):
                if kind == "label" and language == "en":
                    continue
                if warm:  # fonts and the first compile's set-up, as a worker process would pay once
                    compile_piece(typst, folder, source, fonts)
                    warm = False
                pdf, cpu = compile_piece(typst, folder, source, fonts)
                seconds[kind].append(cpu)
                path = folder / f"{kind}.pdf"
                path.write_bytes(pdf)
                first.setdefault(kind, path)
    for kind, times in seconds.items():
        print(f"typst {kind:9} {len(times):3} pieces  median {statistics.median(times):.4f} CPU-s  "
              f"max {max(times):.4f}")
    trims = {"flyer": ((148, 210), BLEED), "brochure": ((297, 210), BLEED), "label": ((50, 30), 0)}
    for kind, path in first.items():
        print(f"{kind}: {path}")
        for key, value in check(path, *trims[kind]).items():
            print(f"  {key}: {value}")


if __name__ == "__main__":
    main()
