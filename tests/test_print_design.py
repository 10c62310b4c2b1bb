"""Print pieces as a visitor and a print shop see them, with real parts only: WeasyPrint lays out (its layout
tree is walked for overflowing text), poppler and Ghostscript render, pikepdf reads the PDF/X structure,
zxing-cpp decodes every QR code."""

from __future__ import annotations

import copy
import datetime as dt
import io
import random
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from content_factory import long_story, product_record, write_product, write_site
from pdf_tools import PRINTED, decode, overflowing_text, pdf_text, print_and_scan, rasterize
from PIL import Image

from ocop_site.model.catalog import Catalog, Product
from ocop_site.model.loader import load_catalog
from ocop_site.model.qr_payload import payload
from ocop_site.targets.printables import booklet_pdf, brochure_pdf, flyer_pdf, press
from ocop_site.targets.printables.booklet import booklet_order, product_pages_document
from ocop_site.targets.printables.brochure import brochure_document
from ocop_site.targets.printables.flyer import flyer_document
from ocop_site.targets.printables.video_link import video_address
from ocop_site.targets.printmaps import Marker, map_svg
from ocop_site.targets.qr.artwork import LabelData, to_label_sheet_pdf
from ocop_site.targets.qr.symbol import make_symbol
from ocop_site.targets.trips.guide import guide_document, guide_pdf

TODAY = dt.date(2026, 11, 22)
SAMPLE = Path(__file__).resolve().parent.parent / "content"
SITE_URL = "https://ocop.example.vn/"
EPSILON = 0.5  # CSS px: rounding in the layout


@pytest.fixture(scope="module")
def sample() -> Catalog:
    return load_catalog(SAMPLE, today=TODAY)


@pytest.fixture(scope="module")
def longest(sample: Catalog) -> Product:
    """The sample product with the longest English story."""
    return max(sample.listed, key=lambda p: (p.stories["en"].word_count, p.slug))


@pytest.fixture(scope="module")
def endless(tmp_path_factory: pytest.TempPathFactory) -> Product:
    """Sections of 700 words each, 3.5 times the longest sample story (the validator sets no maximum)."""
    content = tmp_path_factory.mktemp("endless") / "content"
    write_site(content)
    write_product(content, "endless", 0, stories=long_story(700))
    return load_catalog(content, today=TODAY).products["endless"]


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> Product:
    """A long name, a long producer name and five shops: the brochure's back panel makes its map smaller."""
    content = tmp_path_factory.mktemp("crowded") / "content"
    write_site(content)
    record = product_record(0)
    record["name"] = {"vi": "Đường phổi truyền thống làng nghề Thạch Bích huyện Đức Phổ đặc biệt thượng hạng",
                      "en": "Traditional lung sugar of the Thạch Bích craft village, Đức Phổ, special grade"}
    record["producer"]["name"] = "Hợp tác xã Nông nghiệp Dịch vụ Tổng hợp và Kinh doanh Đường phổi Thạch Bích Đức Phổ"
    # Copies, not the same dict five times: YAML would write anchors and aliases, which content refuses.
    record["where_to_buy"] = [copy.deepcopy(shop) for shop in record["where_to_buy"] * 5]
    write_product(content, "crowded", 0, record=record)
    return load_catalog(content, today=TODAY).products["crowded"]


# No blank page


def blank_pages(pdf: bytes, folder: Path) -> list[int]:
    """Pages (from 1) with no text and no ink: every pixel of a 20 dpi render near white."""
    blank = []
    for number, image in enumerate(rasterize(pdf, folder, dpi=20), start=1):
        darkest, _ = image.convert("L").getextrema()
        if darkest > 245:
            blank.append(number)
    return blank


def test_blank_page_check_finds_a_blank_page(tmp_path: Path) -> None:
    """The check can fail: the empty second page of three is found."""
    from weasyprint import HTML

    pdf = HTML(string='<p>Trang một</p><div style="break-before: page"></div>'
                      '<p style="break-before: page">Trang ba — Đồng</p>').write_pdf()
    assert blank_pages(pdf, tmp_path) == [2]


def test_sample_booklets_and_guides_have_no_blank_page(sample: Catalog, sample_site: Path, tmp_path: Path) -> None:
    """The files the sample build published (as the print shop gets them): both catalogue booklets and
    every trip's guide in both languages."""
    published = sorted([*sample_site.glob("print/catalogue-*.pdf"), *sample_site.glob("print/trips/*-guide-*.pdf")])
    assert [path.name for path in published] == [
        "catalogue-en.pdf", "catalogue-vi.pdf",
        *sorted(f"{slug}-guide-{language}.pdf" for slug in sample.trips for language in ("vi", "en"))]
    for path in published:
        pdf = path.read_bytes()
        pages = len(pikepdf.open(io.BytesIO(pdf)).pages)
        assert pages % 4 == 0, path.name
        assert blank_pages(pdf, tmp_path / path.stem) == [], path.name
    english = sample_site / "print" / "catalogue-en.pdf"
    assert pdf_text(english, 2).startswith("Welcome to Quảng Ngãi")
    assert "Where the products come from" in pdf_text(english)


def test_forty_products_make_a_booklet_without_blank_pages(tmp_path: Path) -> None:
    """40 synthetic products: 3 front pages, 40 product pages, index, map and back cover, padded with useful
    pages to a multiple of four."""
    content = tmp_path / "content"
    write_site(content)
    for index in range(40):
        write_product(content, f"product-{index:03d}", index)
    products = load_catalog(content, today=TODAY).listed
    pdf = booklet_pdf(products, "vi", SITE_URL)
    pages = len(pikepdf.open(io.BytesIO(pdf)).pages)
    assert pages % 4 == 0
    assert blank_pages(pdf, tmp_path / "pages") == []


@pytest.mark.parametrize(("count", "fillers"), [
    (1, ["Cách đọc nhãn OCOP"]),  # 3 + 1 + index + map + back = 7
    (2, []),  # 8
    (3, ["Cách đọc nhãn OCOP", "Mua ở đâu, hỏi ai", "Ghi chú"]),  # 9 → 12
    (4, ["Cách đọc nhãn OCOP", "Mua ở đâu, hỏi ai"]),  # 10 → 12
])
def test_booklet_padding_is_useful_pages(count: int, fillers: list[str], tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_site(content)
    for index in range(count):
        write_product(content, f"product-{index:03d}", index)
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet_pdf(load_catalog(content, today=TODAY).listed, "vi", SITE_URL))
    pages = len(pikepdf.open(path).pages)
    assert pages % 4 == 0
    padding = pages - (3 + count + 3)  # cover, welcome, contents; products; index, map, back cover
    assert padding == len(fillers)
    for page, title in zip(range(pages - padding, pages), fillers, strict=True):
        assert pdf_text(path, page).startswith(title)


# No overflowing text


@pytest.mark.parametrize("which", ["longest", "endless", "crowded"])
@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_text_overflows_its_box(which: str, language: str, request: pytest.FixtureRequest) -> None:
    product = request.getfixturevalue(which)
    for name, document in (("flyer", flyer_document(product, language, SITE_URL)),
                           ("brochure", brochure_document(product, language, SITE_URL)),
                           ("booklet page", product_pages_document([product], 4, language, SITE_URL))):
        assert len(document.pages) == (1 if name == "booklet page" else 2), name
        assert overflowing_text(document) == [], name


def test_guide_text_stays_on_its_pages(sample: Catalog) -> None:
    for trip in sample.trips.values():
        assert overflowing_text(guide_document(trip, "en", sample.site.site_url)) == []


def test_the_overflow_walk_finds_overflowing_text(longest: Product) -> None:
    """The check can fail: a word far wider than its column is reported."""
    from weasyprint import HTML

    word = "Chữrấtdàikhôngthểngắtđượcởđâucả" * 2 + "Đồng"
    document = HTML(string=f'<div style="width: 20mm">{word}</div>').render()
    assert overflowing_text(document) == [f"page 1: {word[:40]!r}"]


# The brochure reads like a leaflet


def test_brochure_inside_is_short_blocks_with_a_pull_quote(longest: Product, tmp_path: Path) -> None:
    path = tmp_path / "brochure.pdf"
    path.write_bytes(brochure_pdf(longest, "en", SITE_URL))
    inside = pdf_text(path, 2)
    story = longest.stories["en"]
    assert len(inside.split()) < story.word_count  # excerpts, not the whole story
    assert "“" in inside and "Scan to read the story" in inside
    outside = pdf_text(path, 1)
    assert "WHERE IT IS MADE" in outside


# Maps


def test_maps_draw_the_coast_lý_sơn_and_numbered_markers() -> None:
    markers = [Marker(15.38, 109.12, "1"), Marker(15.385, 109.125, "2"), Marker(15.39, 109.11, "3"),
               Marker(15.12, 108.8, "4", "showroom")]
    svg = str(map_svg(120, 90, markers, "vi", around_markers=True, route=True))
    assert svg.count("<text") >= 4
    for label in ("1", "2", "3", "4"):
        assert f'font-weight="700" fill="#ffffff" text-anchor="middle">{label}</text>' in svg
    assert 'fill="#cfe3ee"' in svg  # the sea
    assert 'stroke="#2f6b3a"' in svg  # the province's border
    assert svg.count("<svg") == 2  # the inset for the three crowded markers on Lý Sơn
    assert svg == str(map_svg(120, 90, markers, "vi", around_markers=True, route=True))  # same input, same SVG


# PDF/X-4 for the press


def _device_rgb(pdf: pikepdf.Pdf) -> list[str]:
    """Every use of DeviceRGB: colour operators in page and form content, images, transparency groups."""
    found = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        group = obj.get("/Group")
        if group is not None and group.get("/CS") != "/DeviceCMYK":
            found.append(f"group {group.get('/CS')}")
        if obj.get("/Subtype") == "/Image" and obj.get("/ColorSpace") == "/DeviceRGB":
            found.append("image")
        if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form":
            found += [f"form {op.operator}" for op in pikepdf.parse_content_stream(obj)
                      if str(op.operator) in ("rg", "RG")]
    for page in pdf.pages:
        found += [f"page {op.operator}" for op in pikepdf.parse_content_stream(page)
                  if str(op.operator) in ("rg", "RG")]
    return found


def _text_colours(pdf: pikepdf.Pdf) -> set[tuple[float, ...]]:
    """The fill colours in force when text is shown (Tj/TJ), in every page and form content stream."""
    colours = set()
    forms = [obj for obj in pdf.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Form"]
    for content in [*pdf.pages, *forms]:
        current: tuple[float, ...] = ()
        for operands, operator in pikepdf.parse_content_stream(content):
            if str(operator) in ("scn", "sc", "k", "rg", "g"):
                current = tuple(round(float(v), 3) for v in operands)
            elif str(operator) in ("Tj", "TJ"):
                colours.add(current)
    return colours


@pytest.fixture(scope="module")
def press_pdfs(sample: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("press")
    product = sample.products["ly-son-garlic"]
    site_url = sample.site.site_url
    made = {
        "flyer": flyer_pdf(product, "vi", site_url, profile=press.PRESS),
        "brochure": brochure_pdf(product, "en", site_url, profile=press.PRESS),
        "booklet": booklet_pdf(booklet_order(sample.listed, "vi")[:5], "vi", site_url, profile=press.PRESS),
        "guide": guide_pdf(next(iter(sample.trips.values())), "en", site_url, profile=press.PRESS),
    }
    paths = {}
    for name, pdf in made.items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(pdf)
    return paths


@pytest.mark.parametrize("name", ["flyer", "brochure", "booklet", "guide"])
def test_press_pdfs_are_pdf_x4_in_cmyk(name: str, press_pdfs: dict[str, Path]) -> None:
    with pikepdf.open(press_pdfs[name]) as pdf:
        (intent,) = pdf.Root.OutputIntents
        assert intent.S == "/GTS_PDFX"
        assert intent.DestOutputProfile.N == 4
        assert str(intent.OutputConditionIdentifier).startswith("FOGRA39")
        with pdf.open_metadata() as xmp:
            assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert str(pdf.docinfo.Trapped) == "/False"
        assert _device_rgb(pdf) == []
        text = _text_colours(pdf)
        assert (0, 0, 0, 1) in text  # body text in black only
        assert [c for c in text if len(c) != 4] == []  # every text colour is CMYK
        assert [c for c in text if c[3] >= 0.9 and sum(c[:3]) > 0] == []  # no four-colour ("rich") black text
        for page in pdf.pages:
            assert [float(v) for v in page.TrimBox] != [float(v) for v in page.MediaBox]  # bleed kept


def test_screen_pdfs_stay_rgb(sample: Catalog) -> None:
    pdf = pikepdf.open(io.BytesIO(flyer_pdf(sample.products["ly-son-garlic"], "vi", sample.site.site_url)))
    assert "/OutputIntents" not in pdf.Root
    assert any(use.endswith(" rg") for use in _device_rgb(pdf))


def test_press_pdf_is_the_same_bytes_twice(sample: Catalog, press_pdfs: dict[str, Path]) -> None:
    product = sample.products["ly-son-garlic"]
    assert flyer_pdf(product, "vi", sample.site.site_url, profile=press.PRESS) == press_pdfs["flyer"].read_bytes()


def test_ghostscript_renders_the_press_flyer(sample: Catalog, press_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """An independent reader: Ghostscript draws the PDF/X file, and the QR code on it still decodes."""
    gs = shutil.which("gs")
    if gs is None:
        pytest.fail("gs not found: install the Debian package ghostscript")
    out = tmp_path / "page-%d.png"
    subprocess.run([gs, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", "-r300", "-dFirstPage=1",
                    "-dLastPage=1", f"-sOutputFile={out}", str(press_pdfs["flyer"])], check=True)
    page = Image.open(tmp_path / "page-1.png")
    code = sample.products["ly-son-garlic"].record.code
    assert [r.text for r in decode(page)] == [payload(sample.site.site_url, code)]


# QR codes on every piece


def _decoded(pdf: bytes, folder: Path, page: int | None = None) -> list[list[str]]:
    return [sorted(r.text for r in decode(image)) for image in rasterize(pdf, folder, dpi=300, page=page)]


def test_every_qr_code_decodes_at_300_dpi(sample: Catalog, press_pdfs: dict[str, Path], tmp_path: Path) -> None:
    product = sample.products["ly-son-garlic"]
    site_url = sample.site.site_url
    expected = payload(site_url, product.record.code)
    video = video_address(site_url, "en", product.slug)  # the sample garlic has a video: its page's video section
    assert _decoded(flyer_pdf(product, "en", site_url), tmp_path / "flyer") == [[expected], [video]]
    assert _decoded(press_pdfs["brochure"].read_bytes(), tmp_path / "brochure") == [[expected],
                                                                                   sorted([expected, video])]
    first_five = booklet_order(sample.listed, "vi")[:5]
    booklet = [_decoded(press_pdfs["booklet"].read_bytes(), tmp_path / f"booklet-{number}", page=number)[0]
               for number in range(4, 9)]  # its product pages, the ones asserted: not the whole booklet
    assert booklet == [[payload(site_url, p.record.code)] for p in first_five]
    guide = _decoded(press_pdfs["guide"].read_bytes(), tmp_path / "guide")
    trip = next(iter(sample.trips.values()))
    shown = sorted({payload(site_url, p.record.code) for p in trip.products})
    assert sorted({text for page in guide for text in page}) == shown
    sheet = to_label_sheet_pdf([LabelData(make_symbol(expected), product.record.code, "Tỏi Lý Sơn", "Lý Sơn garlic",
                                          5)] * 4, "Nhãn — Đồng")
    assert _decoded(sheet, tmp_path / "sheet") == [[expected] * 4]


@pytest.mark.parametrize(("name", "pages"), [("flyer", [1]), ("brochure", [1, 2]), ("booklet", [4, 5]),
                                              ("guide", [5, 7])])
def test_qr_codes_survive_a_print_simulation(name: str, pages: list[int], sample: Catalog,
                                             press_pdfs: dict[str, Path], tmp_path: Path) -> None:
    """Each code as printed: cut from a 300 dpi render of the press file at its printed size, then blurred,
    tilted, skewed and noised as an offset print scanned by a phone; 9 of 10 trials decode."""
    for number in pages:
        page = rasterize(press_pdfs[name].read_bytes(), tmp_path / str(number), dpi=300, page=number)[0]
        codes = decode(page)
        assert codes, f"{name} page {number}"
        for found in codes:
            assert _survives(page.convert("L"), found), f"{name} page {number}: {found.text}"


def _survives(page: Image.Image, found) -> bool:
    expected = found.text
    xs = [p.x for p in (found.position.top_left, found.position.bottom_right)]
    ys = [p.y for p in (found.position.top_left, found.position.bottom_right)]
    margin = 40  # the quiet zone and a little more
    crop = page.crop((min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin))
    png = io.BytesIO()
    crop.save(png, "PNG", dpi=(300, 300))
    decoded = 0
    for seed in range(10):
        results = decode(print_and_scan(png.getvalue(), random.Random(seed), **PRINTED))
        decoded += [r.text for r in results] == [expected]
    return decoded >= 9


def test_labels_say_read_and_have_cut_marks(tmp_path: Path) -> None:
    symbol = make_symbol("HTTPS://OCOP.EXAMPLE.VN/P/T-000")
    sheet = tmp_path / "sheet.pdf"
    sheet.write_bytes(to_label_sheet_pdf([LabelData(symbol, "T-000", "Đường phổi", "Lung sugar", 3)] * 2, "Đồng"))
    text = pdf_text(sheet)
    assert text.count("Quét mã để đọc câu chuyện / Scan to read the story") == 2
    assert "nghe" not in text
    with pikepdf.open(sheet) as pdf:
        drawn = b"".join(obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream)
                         and obj.get("/Subtype") == "/Form") + pdf.pages[0].Contents.read_bytes()
    # 2 labels × 4 corners × 2 marks, each a short stroked line
    assert len(re.findall(rb" l\b", drawn)) >= 16


def test_photos_of_any_kind_are_converted_for_the_press(tmp_path: Path) -> None:
    """A CMYK JPEG carrying a CMYK profile, a PNG with transparency and a tagged sRGB JPEG all become CMYK
    JPEGs; an sRGB blue keeps far more cyan than yellow."""
    from PIL import ImageCms

    Image.new("CMYK", (40, 30), (10, 200, 30, 5)).save(tmp_path / "cmyk.jpg", icc_profile=press.ICC.read_bytes())
    Image.new("RGBA", (40, 30), (200, 30, 30, 100)).save(tmp_path / "alpha.png")
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (40, 30), (30, 120, 200)).save(tmp_path / "blue.jpg", icc_profile=srgb)
    for name in ("cmyk.jpg", "alpha.png", "blue.jpg"):
        converted = Image.open(press.cmyk_photo((tmp_path / name).as_uri()).removeprefix("file://"))
        assert (converted.format, converted.mode, converted.size) == ("JPEG", "CMYK", (40, 30)), name
    cyan, _, yellow, _ = Image.open(press.cmyk_photo((tmp_path / "blue.jpg").as_uri()).removeprefix("file://")
                                    ).getpixel((5, 5))
    assert cyan > 150 > 30 > yellow
