"""Printables with real parts only: WeasyPrint renders, poppler reads boxes, text and pixels, zxing-cpp decodes."""

from __future__ import annotations

import copy
import datetime as dt
import itertools
import pickle
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from content_factory import STORY, long_story, product_record, write_photo, write_product, write_site
from pdf_tools import (
    MM_PER_PT,
    assert_fonts_embedded,
    assert_fonts_subset,
    decode,
    page_boxes,
    pdf_text,
    rasterize,
    words_mm,
)
from PIL import Image

from ocop_site.content.story_markup import render_markdown
from ocop_site.model.catalog import Catalog, Product
from ocop_site.model.loader import load_catalog
from ocop_site.model.print_photos import photo_checks, resolution_warnings
from ocop_site.model.qr_payload import payload
from ocop_site.problems import ContentErrors
from ocop_site.targets.printables import booklet_pdf, brochure_pdf, flyer_pdf
from ocop_site.targets.printables.facts import pull_quote
from ocop_site.targets.printables.text import excerpt

TODAY = dt.date(2026, 11, 22)
SITE_URL = "https://ocop.example.vn/"
PT_PER_MM = 1 / MM_PER_PT
A5_PT = (419.53, 595.28)  # 148 × 210 mm
A4_LANDSCAPE_PT = (841.89, 595.28)  # 297 × 210 mm
BLEED_PT = 3 * PT_PER_MM  # 8.50
GREEN = (47, 107, 58)  # the cover band, print.css --green


def load(content: Path) -> Catalog:
    return load_catalog(content, today=TODAY)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """Three products in three groups; the first has a second and a third photo."""
    content = tmp_path_factory.mktemp("printables") / "content"
    write_site(content)
    first = product_record(0)
    first["images"] += [{"file": name, "alt": {"vi": "Chảo đường đang sôi", "en": "The sugar pan boiling"},
                         "credit": "Ảnh thử nghiệm"} for name in ("detail.jpg", "pan.jpg")]
    write_product(content, "product-000", 0, record=first)
    write_photo(content / "media" / "product-000" / "detail.jpg", (1200, 1200), seed=1)
    write_photo(content / "media" / "product-000" / "pan.jpg", (1200, 800), seed=2)
    for index in (1, 2):
        write_product(content, f"product-{index:03d}", index)
    return load(content)


@pytest.fixture(scope="module")
def product(catalog: Catalog) -> Product:
    return catalog.products["product-000"]


@pytest.fixture(scope="module")
def pdfs(product: Product, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """flyer-vi, flyer-en, brochure-vi, brochure-en of the first product, as files."""
    folder = tmp_path_factory.mktemp("pdfs")
    paths = {}
    for name, render in (("flyer", flyer_pdf), ("brochure", brochure_pdf)):
        for language in ("vi", "en"):
            paths[f"{name}-{language}"] = folder / f"{name}-{language}.pdf"
            paths[f"{name}-{language}"].write_bytes(render(product, language, SITE_URL))
    return paths


@pytest.fixture(scope="module")
def long_product(tmp_path_factory: pytest.TempPathFactory) -> Product:
    """A product whose sections have 200 words each, the longest the sample content has."""
    content = tmp_path_factory.mktemp("long") / "content"
    write_site(content)
    write_product(content, "long", 0, stories=long_story(200))
    return load(content).products["long"]


def assert_boxes(pdf: Path, trim: tuple[float, float], pages: int, outside_mm: float = 3) -> None:
    """TrimBox = the trim size; BleedBox = trim + 3 mm each side; MediaBox = trim + `outside_mm` each side."""
    boxes = page_boxes(pdf)
    assert len(boxes) == pages
    width, height = trim
    out, bleed = outside_mm * PT_PER_MM, BLEED_PT
    for page in boxes:
        assert page["TrimBox"] == pytest.approx((0, 0, width, height), abs=0.01)
        assert page["BleedBox"] == pytest.approx((-bleed, -bleed, width + bleed, height + bleed), abs=0.01)
        assert page["MediaBox"] == pytest.approx((-out, -out, width + out, height + out), abs=0.01)


def assert_decodes(image, expected: str) -> None:
    assert [(result.text, result.ec_level) for result in decode(image)] == [(expected, "Q")]


# Sizes, bleed and crop marks


@pytest.mark.parametrize("language", ["vi", "en"])
def test_flyer_is_a5_portrait_with_bleed(language: str, pdfs: dict[str, Path]) -> None:
    assert_boxes(pdfs[f"flyer-{language}"], A5_PT, pages=2)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_brochure_is_a4_landscape_with_bleed(language: str, pdfs: dict[str, Path]) -> None:
    assert_boxes(pdfs[f"brochure-{language}"], A4_LANDSCAPE_PT, pages=2)


def marks_mm(pdf: Path, folder: Path) -> list[list[int]]:
    """Per page, where marks are across the sheet (mm from the trim's left edge, rounded): dark pixels in
    the strips more than 3.5 mm above and below the trim, which no artwork reaches."""
    positions = []
    for page in rasterize(pdf.read_bytes(), folder, dpi=150):
        page = page.convert("L")
        px = 150 / 25.4
        strips = [range(0, round(6.5 * px)), range(page.height - round(6.5 * px), page.height)]
        dark = {x for rows in strips for y in rows for x in range(page.width) if page.getpixel((x, y)) < 200}
        positions.append(sorted({round(x / px - 10) for x in dark}))
    return positions


def test_crop_marks_only_on_request(product: Product, tmp_path: Path) -> None:
    """Without marks the sheet is the trim plus the 3 mm bleed (the boxes tests): no room for marks. With
    them the sheet grows 7 mm more each side; crop marks are drawn there on the trim lines, and on the
    brochure fold marks on the folds, all clear of the artwork's bleed."""
    flyer = tmp_path / "flyer.pdf"
    flyer.write_bytes(flyer_pdf(product, "vi", SITE_URL, crop_marks=True))
    assert_boxes(flyer, A5_PT, pages=2, outside_mm=10)
    assert marks_mm(flyer, tmp_path / "flyer") == [[0, 148], [0, 148]]
    brochure = tmp_path / "brochure.pdf"
    brochure.write_bytes(brochure_pdf(product, "en", SITE_URL, crop_marks=True))
    assert_boxes(brochure, A4_LANDSCAPE_PT, pages=2, outside_mm=10)
    assert marks_mm(brochure, tmp_path / "brochure") == [[0, 97, 197, 297], [0, 100, 200, 297]]


def test_backgrounds_run_into_the_bleed(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """The flyer's colour band and the brochure's cover band reach the sheet's edge, 3 mm past the trim
    (sampled 1 px inside the sheet: poppler's last row and column are partly off it)."""
    flyer_front = rasterize(pdfs["flyer-vi"].read_bytes(), tmp_path / "flyer", dpi=50, page=1)[0].convert("RGB")
    for x in (0, flyer_front.width // 2, flyer_front.width - 2):
        assert flyer_front.getpixel((x, flyer_front.height - 2)) == pytest.approx(GREEN, abs=3)
    assert flyer_front.getpixel((1, 1)) != pytest.approx((255, 255, 255), abs=3)  # the photo, in the corner
    outside = rasterize(pdfs["brochure-vi"].read_bytes(), tmp_path / "brochure", dpi=50, page=1)[0].convert("RGB")
    assert outside.getpixel((outside.width - 2, outside.height - 2)) == pytest.approx(GREEN, abs=3)


# Fonts and text


@pytest.mark.parametrize("name", ["flyer-vi", "flyer-en", "brochure-vi", "brochure-en"])
def test_fonts_embedded_and_subset(name: str, pdfs: dict[str, Path]) -> None:
    assert_fonts_embedded(pdfs[name])  # the Vietnamese subset included
    assert_fonts_subset(pdfs[name])


@pytest.mark.parametrize("name", ["flyer-vi", "flyer-en", "brochure-vi", "brochure-en"])
def test_text_has_both_names_in_nfc(name: str, pdfs: dict[str, Path]) -> None:
    text = pdf_text(pdfs[name])
    assert unicodedata.is_normalized("NFC", text)
    assert "Đường phổi Đức Phổ số 0" in text
    assert "Đức Phổ lung sugar no. 0" in text


def test_decomposed_input_prints_nfc(product: Product, tmp_path: Path) -> None:
    """A name that reached the model decomposed (NFD) still prints, and reads, composed."""
    nfd = copy.deepcopy(product)
    nfd.record.name.vi = unicodedata.normalize("NFD", "Đường phổi Đức Phổ số 0")
    path = tmp_path / "nfd.pdf"
    path.write_bytes(flyer_pdf(nfd, "vi", SITE_URL))
    text = pdf_text(path)
    assert unicodedata.is_normalized("NFC", text)
    assert "Đường phổi Đức Phổ số 0" in text


def test_flyer_tells_the_short_story_and_the_contact(pdfs: dict[str, Path]) -> None:
    back = pdf_text(pdfs["flyer-vi"], 2)
    for heading in ("NGUỒN GỐC", "QUY TRÌNH SẢN XUẤT", "DẤU ẤN VĂN HÓA"):
        assert heading in back
    assert "Người thợ đun nước mía trong chảo gang, khuấy đều cho đến khi đường kết tinh." in back
    # the community section gives the pull quote
    assert "“Nghề nấu đường đem lại việc làm cho nhiều gia đình trong làng.”" in back
    for expected in ("Hợp tác xã Đồng Tâm", "0255 3800 000", "Điểm OCOP Quảng Ngãi",
                     "ocop.example.vn/products/product-000/"):
        assert expected in back
    front = pdf_text(pdfs["flyer-en"], 1)
    for expected in ("3-star OCOP", "FOOD", "Đặc khu Lý Sơn", "formerly Huyện Lý Sơn", "Scan to read the story"):
        assert expected in front


def test_brochure_tells_the_opening_the_sections_and_a_quote(pdfs: dict[str, Path]) -> None:
    """A short story (one sentence a section) fits whole: the opening, origin, process and culture as
    excerpts, the community section as the pull quote."""
    inside = pdf_text(pdfs["brochure-vi"], 2)
    for paragraph in [block for block in STORY["vi"].split("\n\n") if not block.startswith("#")]:
        assert " ".join(paragraph.split()) in inside
    assert "“Nghề nấu đường đem lại việc làm cho nhiều gia đình trong làng.”" in inside
    assert "Chảo đường đang sôi" in inside  # the third photo's caption, across the top of the inside


# QR codes


@pytest.mark.parametrize("name", ["flyer-vi", "brochure-en"])
def test_qr_code_decodes_from_the_printed_page(name: str, pdfs: dict[str, Path], tmp_path: Path) -> None:
    page = rasterize(pdfs[name].read_bytes(), tmp_path, page=1)[0]
    assert_decodes(page, payload(SITE_URL, "T-000"))
    assert payload(SITE_URL, "T-000") == "HTTPS://OCOP.EXAMPLE.VN/P/T-000"


# Brochure panels


def test_brochure_panels_fall_between_the_folds(long_product: Product, tmp_path: Path) -> None:
    """Outside: fold-in 97 | back 100 | cover 100 (folds at 97, 197 mm); inside: 100 | 100 | 97 (100, 200 mm).
    With a story long enough to reach the third panel, no word crosses a fold or comes within 6 mm of one,
    and every panel has words."""
    pdf = tmp_path / "brochure.pdf"
    pdf.write_bytes(brochure_pdf(long_product, "en", SITE_URL))
    for page, folds in ((1, (97, 197)), (2, (100, 200))):
        words = [(text, x0 - 3, x1 - 3) for text, x0, _, x1, _ in words_mm(pdf, page)]
        panels = [0, *folds, 297]
        for left, right in itertools.pairwise(panels):
            inside = [text for text, x0, x1 in words if left + 6 <= x0 and x1 <= right - 6]
            assert inside, f"page {page}: no words between {left} and {right} mm"
        crossing = [text for text, x0, x1 in words if any(x0 - 6 < fold < x1 + 6 for fold in folds)]
        assert crossing == []


def test_brochure_cover_band_starts_at_the_fold(pdfs: dict[str, Path], tmp_path: Path) -> None:
    outside = rasterize(pdfs["brochure-vi"].read_bytes(), tmp_path, dpi=100, page=1)[0].convert("RGB")
    px = 100 / 25.4
    y = round((3 + 180) * px)
    assert outside.getpixel((round((3 + 197.6) * px), y)) == pytest.approx(GREEN, abs=3)
    assert outside.getpixel((round((3 + 196.4) * px), y)) != pytest.approx(GREEN, abs=3)
    assert outside.getpixel((round((3 + 97.6) * px), y)) != pytest.approx((255, 255, 255), abs=3)  # back tint
    assert outside.getpixel((round((3 + 96.4) * px), y)) == pytest.approx((255, 255, 255), abs=3)  # fold-in


# Catalogue booklet


@pytest.fixture(scope="module")
def booklets(catalog: Catalog, tmp_path_factory: pytest.TempPathFactory) -> dict[int, Path]:
    """Booklets of 1, 2 and 3 products (Vietnamese), as files."""
    folder = tmp_path_factory.mktemp("booklets")
    products = list(catalog.products.values())
    paths = {}
    for count in (1, 2, 3):
        paths[count] = folder / f"booklet-{count}.pdf"
        paths[count].write_bytes(booklet_pdf(products[:count], "vi", SITE_URL))
    return paths


@pytest.mark.parametrize(("count", "pages"), [(1, 8), (2, 8), (3, 12)])
def test_booklet_pages_are_a_multiple_of_four(count: int, pages: int, booklets: dict[int, Path]) -> None:
    """Cover, welcome, contents, the products, index, map, back cover: 6 pages and one per product."""
    boxes = page_boxes(booklets[count])
    assert len(boxes) % 4 == 0
    assert len(boxes) == pages
    assert_boxes(booklets[count], A5_PT, pages=pages)


def test_booklet_contents_and_index_lead_to_the_pages(booklets: dict[int, Path], tmp_path: Path) -> None:
    """Contents by group (food, beverages, herbal: vocabulary order) and the index by commune give the
    page each product is on."""
    pdf = booklets[3]
    assert pdf_text(pdf, 2).startswith("Chào mừng đến Quảng Ngãi")
    contents = pdf_text(pdf, 3)
    assert contents == ("Mục lục theo nhóm sản phẩm THỰC PHẨM 4 Đường phổi Đức Phổ số 0 ĐỒ UỐNG 5 Đường phổi Đức "
                        "Phổ số 1 THẢO DƯỢC 6 Đường phổi Đức Phổ số 2 3")
    for page, index in ((4, 0), (5, 1), (6, 2)):
        text = pdf_text(pdf, page)
        assert f"Đường phổi Đức Phổ số {index}" in text
        assert text.endswith(str(page))  # its page number
    assert pdf_text(pdf, 7, raw=True) == (
        "Tra cứu theo địa phương ĐẶC KHU LÝ SƠN trước đây thuộc Huyện Lý Sơn 4 Đường phổi Đức Phổ số 0 PHƯỜNG SA "
        "HUỲNH trước đây thuộc Thị xã Đức Phổ 5 Đường phổi Đức Phổ số 1 XÃ TRÀ BỒNG trước đây thuộc Huyện Trà Bồng 6 "
        "Đường phổi Đức Phổ số 2 7")
    assert pdf_text(pdf, 8).startswith("Sản phẩm đến từ đâu")  # the map
    assert [pdf_text(pdf, page).split(" ")[0] for page in (9, 10, 11)] == ["Cách", "Mua", "Ghi"]  # padding
    assert "ocop.example.vn/" in pdf_text(pdf, 12)  # the back cover
    assert_fonts_embedded(pdf)
    assert_fonts_subset(pdf)
    assert_decodes(rasterize(pdf.read_bytes(), tmp_path, page=5)[0], payload(SITE_URL, "T-001"))


def test_booklet_page_counts_pad_to_four(catalog: Catalog, tmp_path: Path) -> None:
    """5 products: 3 + 5 + 3 = 11 pages, padded to 12 with "How to read an OCOP label"."""
    content = tmp_path / "content"
    write_site(content)
    for index in range(5):
        write_product(content, f"product-{index:03d}", index)
    products = list(load(content).products.values())
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet_pdf(products, "en", SITE_URL))
    assert len(page_boxes(path)) == 12
    assert pdf_text(path, 11).startswith("How to read an OCOP label")
    assert pdf_text(path, 10).startswith("Where the products come from")
    assert pdf_text(path, 9).startswith("Index by locality")


def test_booklet_page_shortens_a_long_story(long_product: Product, catalog: Catalog, tmp_path: Path) -> None:
    """A product with long sections still takes one page: its excerpts are cut shorter."""
    path = tmp_path / "booklet.pdf"
    path.write_bytes(booklet_pdf([long_product, catalog.products["product-001"]], "en", SITE_URL))
    assert len(page_boxes(path)) == 8
    page = pdf_text(path, 4)
    assert page.startswith("FOOD Đức Phổ lung sugar no. 0")
    assert page.endswith("ocop.example.vn/en/products/long/ 4")
    assert page.count("stirs it.") < 3 * (200 // 13)


# Fitting


def test_long_stories_are_shortened_on_the_flyer(long_product: Product, tmp_path: Path) -> None:
    """They fit the flyer's back, cut after a sentence."""
    path = tmp_path / "flyer.pdf"
    path.write_bytes(flyer_pdf(long_product, "en", SITE_URL))
    assert len(page_boxes(path)) == 2
    back = pdf_text(path, 2)
    assert back.count("stirs it.") < 3 * (200 // 13)  # shortened: fewer sentences than the three sections have
    assert back.count("ORIGIN") == back.count("CULTURAL IMPRINT") == 1
    assert "The whole story: scan the QR code on the front or visit ocop.example.vn/en/products/long/" in back


def test_a_summary_too_long_to_print_is_refused_before_any_layout(tmp_path: Path) -> None:
    """Story excerpts are shortened until they fit; a record's summary is printed whole, so one longer than
    the pieces have room for (records.PRINTED, proved in test_print_maxima.py) is refused by the loader that
    validate, build, serve and the editor share: never an overflow found only by a build."""
    content = tmp_path / "content"
    write_site(content)
    record = product_record(0)
    record["summary"] = {"vi": "Đường phổi ngọt thanh. " * 120, "en": "A sweet, light cane sugar. " * 10}
    write_product(content, "endless", 0, record=record, stories=long_story(700))
    with pytest.raises(ContentErrors) as raised:
        load(content)
    assert [problem.render("en") for problem in raised.value.errors] == [
        f"{content}/products/endless.yaml:9: 'summary.vi' is 2759 characters long; the printed pieces have room "
        "for 240\n  Fix: shorten it to 240 characters or fewer",
        f"{content}/products/endless.yaml:44: 'summary.en' is 269 characters long; the printed pieces have room "
        "for 240\n  Fix: shorten it to 240 characters or fewer"]


def test_a_story_of_700_words_a_section_fits_the_brochure(tmp_path: Path) -> None:
    content = tmp_path / "content"
    write_site(content)
    write_product(content, "endless", 0, stories=long_story(700))
    path = tmp_path / "brochure.pdf"
    path.write_bytes(brochure_pdf(load(content).products["endless"], "en", SITE_URL))
    assert len(page_boxes(path)) == 2


def test_excerpt_cuts_after_a_sentence_or_at_a_word() -> None:
    text = "Mía trồng trên bãi. Đường nấu từ nước mía ép, khuấy đều tay cho đến khi kết tinh thành bánh."
    assert excerpt(render_markdown(text), 200) == text
    # After the last whole sentence that fits; at a word, with an ellipsis, only when no sentence fits.
    assert excerpt(render_markdown(text), 26) == "Mía trồng trên bãi."
    assert excerpt(render_markdown(text), 30) == "Mía trồng trên bãi."
    assert excerpt(render_markdown(text), 40) == "Mía trồng trên bãi."
    assert excerpt(render_markdown(text), 15) == "Mía trồng…"
    assert excerpt(render_markdown("**Đậm** và [liên kết](https://x.vn)\n\nĐoạn hai."), 100) == "Đậm và liên kết"
    assert excerpt(render_markdown("### Tiểu mục\n\n- một\n\nĐoạn văn."), 100) == "Đoạn văn."
    assert excerpt(render_markdown('Bà nói "ngon" -- thật.'), 100) == "Bà nói “ngon” – thật."  # typography for paper


@pytest.mark.parametrize(("text", "limit", "expected"), [
    # an abbreviation's full stop is not a sentence end: never "…sinh ra ở TP." nor "…founded by Mr."
    ("Ông An sinh ra ở TP. Quảng Ngãi. Ông học nghề từ ThS. Lê Văn Bình ở P. Nghĩa Lộ.", 60,
     "Ông An sinh ra ở TP. Quảng Ngãi."),
    ("Ông An sinh ra ở TP. Quảng Ngãi. Ông học nghề từ ThS. Lê Văn Bình ở P. Nghĩa Lộ.", 25, "Ông An sinh ra ở…"),
    ("Bánh, kẹo, mứt v.v. được bày bán ở chợ. PGS. TS. Trần Hùng khen ngon.", 50,
     "Bánh, kẹo, mứt v.v. được bày bán ở chợ."),
    ("The cooperative was founded by Mr. Nguyễn Văn An in 1998. Dr. Lê and Mrs. Hạnh run it now.", 40,
     "The cooperative was founded by…"),
    ("The cooperative was founded by Mr. Nguyễn Văn An in 1998. Dr. Lê and Mrs. Hạnh run it now.", 70,
     "The cooperative was founded by Mr. Nguyễn Văn An in 1998."),
    ("Its shop is at No. 12 St. Mary Street. It opens at 7 a.m. every day.", 45,
     "Its shop is at No. 12 St. Mary Street."),
    ("Lý Sơn is the kingdom of garlic. The garlic of Phú Sinh Co., Ltd. is famous.", 70,  # as in the sample
     "Lý Sơn is the kingdom of garlic."),
    # a full stop followed by a small letter ends no sentence; a digit or an opening quote may start one
    ("Mía ép xong. rồi nấu ngay trong chảo gang lớn.", 20, "Mía ép xong. rồi…"),
    ('Giá 120.000 đ một hộp. "Ngon lắm," bà nói.', 30, "Giá 120.000 đ một hộp."),
    ("It sold well. 2025 was its best year.", 20, "It sold well."),
])
def test_excerpt_ends_at_a_real_sentence_end(text: str, limit: int, expected: str) -> None:
    assert excerpt(render_markdown(text), limit) == expected


def test_excerpt_of_a_list_or_a_table() -> None:
    """A section that is only a list gives its items joined with "; "; a table, code or a quote is never an
    excerpt (no raw pipes on paper); prose after it is."""
    assert excerpt(render_markdown("- Mía tím\n- Nước vôi trong\n- Củi bạch đàn"), 200) \
        == "Mía tím; Nước vôi trong; Củi bạch đàn"
    assert excerpt(render_markdown("- Purple cane\n- Lime water\n- Eucalyptus wood"), 200) \
        == "Purple cane; Lime water; Eucalyptus wood"
    assert excerpt(render_markdown("1. Ép mía.\n2. Nấu\n   - lửa to\n   - lửa nhỏ"), 200) \
        == "Ép mía. Nấu; lửa to; lửa nhỏ"
    table = "| Loại | Giá |\n|---|---|\n| Hộp 500 g | 120.000 đ |\n| Hộp 1 kg | 220.000 đ |"
    assert excerpt(render_markdown(table), 200) == ""
    assert excerpt(render_markdown(table + "\n\nGiá đã gồm thuế."), 200) == "Giá đã gồm thuế."
    assert excerpt(render_markdown("| Kind | Price |\n| :-- | --: |\n| 500 g box | 120,000 VND |\n\n- Boxes"), 200) \
        == "Boxes"
    assert excerpt(render_markdown("```\n" + "0123456789" * 20 + "\n```"), 200) == ""
    assert excerpt(render_markdown("> Một câu trích.\n\n    mã"), 200) == ""
    assert excerpt(render_markdown("Sáng | chiều: mở cửa."), 200) == "Sáng | chiều: mở cửa."  # a pipe in prose


@pytest.mark.parametrize(("language", "community", "expected"), [
    ("vi", "Theo bà Đỗ Thị Hạnh, giám đốc hợp tác xã ở TP. Quảng Ngãi, nghề nấu đường nay nuôi sống hơn bốn "
           "mươi gia đình trong làng.", None),
    ("en", "The cooperative's director, Mrs. Đỗ Thị Hạnh, says the craft now feeds more than forty families of "
           "the village.", "The cooperative’s director, Mrs. Đỗ Thị Hạnh, says the craft now feeds more than forty "
                           "families of the village."),  # typographic apostrophe, for paper
    ("vi", "- Bốn mươi gia đình có việc làm quanh năm nhờ nghề nấu đường.\n\n| Năm | Hộ |\n|---|---|\n"
           "| 2024 | Bốn mươi hộ có việc làm quanh năm nhờ nghề nấu đường. |", "Đường mía nấu thủ công."),
])
def test_pull_quote_is_a_whole_sentence(language: str, community: str, expected: str | None,
                                        tmp_path: Path) -> None:
    """The quote starts at a paragraph's start or a real sentence end (not after "TP." or "Mrs."), and comes
    from running text only (a list or a table gives none: the summary stands in)."""
    content = tmp_path / "content"
    write_site(content)
    heading = "## Lợi ích cộng đồng" if language == "vi" else "## Community benefit"
    stories = {lang: text.partition("\n\n## " + heading[3:])[0] + "\n" for lang, text in STORY.items()}
    stories[language] += f"\n{heading}\n\n{community}\n"
    write_product(content, "quoted", 0, stories=stories)
    assert pull_quote(load(content).products["quoted"], language) == (expected or community)


def test_story_markup_stays_text_in_print() -> None:
    """Raw HTML in a story prints as the text it is; only allowed elements are made."""
    html = render_markdown("a <script>x</script> **b** \\`<img src=x onerror=alert(1)>\\`").print_html
    assert html == ("<p>a &lt;script&gt;x&lt;/script&gt; <strong>b</strong> "
                    "`&lt;img src=x onerror=alert(1)&gt;`</p>\n")


# Photos


def _small_hero(tmp_path: Path, size: tuple[int, int] = (600, 400), orientation: int | None = None,
                kind: str = "JPEG") -> Product:
    content = tmp_path / "content"
    write_site(content)
    record = product_record(0)
    record["images"][0]["file"] = "ảnh-đầu.png" if kind == "PNG" else "ảnh-đầu.jpg"
    write_product(content, "duong-phoi", 0, record=record)
    image = Image.new("RGB", size, (200, 150, 80))
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    image.save(content / "media" / "duong-phoi" / record["images"][0]["file"], kind, exif=exif.tobytes())
    return load(content).products["duong-phoi"]


def test_too_small_photo_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One warning per photo and piece, at the record's images line, for the piece's box that needs the most
    (the brochure prints the first photo on its cover, 147 mm, and across its inside, 108 mm)."""
    monkeypatch.chdir(tmp_path)
    product = _small_hero(Path("."))
    assert [w.render() for w in sorted(resolution_warnings(product, TODAY))] == [
        f"content/products/duong-phoi.yaml:28: photo content/media/duong-phoi/ảnh-đầu.jpg is 600 px wide; the {piece} "
        f"prints it {mm} mm wide, which needs {px} px at 250 ppi\n  Fix: use a copy at least {px} px wide: the "
        "camera's original, not one made smaller for the web or a chat app"
        for piece, mm, px in (("A4 brochure", 147, 1447), ("A5 catalogue", 154, 1516), ("A5 flyer", 154, 1516))]
    # once the certificate has ended the catalogue booklet leaves the product out: no warning about it
    ended = dt.date(2028, 6, 1)
    assert product.expired(ended)
    assert [w.values for w in sorted(resolution_warnings(product, ended))] == [
        w.values for w in sorted(resolution_warnings(product, TODAY)) if dict(w.values)["piece"] != "A5 catalogue"]


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_a_photo_turned_by_its_exif_orientation_is_checked_as_it_is_shown(tmp_path: Path, kind: str) -> None:
    """Stored 1600 × 1000 but turned a quarter (orientation 6): shown 1000 px wide, too narrow for the flyer;
    stored 1000 × 1600 and turned: shown 1600 × 1000, which prints."""
    turned = _small_hero(tmp_path / "turned", (1600, 1000), orientation=6, kind=kind)
    assert turned.photo_sizes == [(1000, 1600)]
    assert [dict(w.values)["width"] for w in resolution_warnings(turned, TODAY)] == ["1000", "1000", "1000"]
    upright = _small_hero(tmp_path / "upright", (1000, 1600), orientation=6, kind=kind)
    assert upright.photo_sizes == [(1600, 1000)]
    assert resolution_warnings(upright, TODAY) == []
    as_stored = _small_hero(tmp_path / "stored", (1000, 1600), orientation=1, kind=kind)
    assert as_stored.photo_sizes == [(1000, 1600)] and len(resolution_warnings(as_stored, TODAY)) == 3


def test_every_printed_photo_is_checked(product: Product) -> None:
    checks = photo_checks(product)
    assert [(c.index, c.slot, c.printed_mm, c.needed_px, c.source_px, c.too_small) for c in checks] == [
        (0, "flyer hero", 160.0, 1575, 1600, False),  # a 16:10 photo in a 154 × 100 mm box: cropped at the sides
        (0, "brochure cover", 156.8, 1544, 1600, False),  # in 103 × 98 mm
        (0, "catalogue page", 154.0, 1516, 1600, False),
        (1, "brochure fold-in panel", 79.0, 778, 1200, False),
        (2, "brochure inside", 108.0, 1063, 1200, False),  # a 3:2 photo in 103 × 72 mm
    ]
    assert resolution_warnings(product, TODAY) == []


def test_the_boxes_the_warning_counts_are_the_boxes_the_templates_draw() -> None:
    from ocop_site.model import print_sizes
    from ocop_site.targets.printables import geometry

    for name in ("FLYER_HERO", "BROCHURE_COVER", "BOOKLET_HERO", "BROCHURE_FOLD_IN", "BROCHURE_INSIDE", "A5",
                 "BLEED_MM", "COVER_MM", "MIN_PPI"):
        assert getattr(geometry, name) is getattr(print_sizes, name), name


# Determinism and worker processes


def test_same_input_gives_the_same_bytes_in_a_worker_process(product: Product, pdfs: dict[str, Path]) -> None:
    """The build renders in worker processes: the arguments pickle, and the bytes do not depend on the process."""
    assert pickle.loads(pickle.dumps(product)).record == product.record
    with ProcessPoolExecutor(max_workers=1) as pool:
        flyer = pool.submit(flyer_pdf, product, "vi", SITE_URL).result()
        brochure = pool.submit(brochure_pdf, product, "en", SITE_URL).result()
    assert flyer == pdfs["flyer-vi"].read_bytes() == flyer_pdf(product, "vi", SITE_URL)
    assert brochure == pdfs["brochure-en"].read_bytes()


def test_booklet_same_bytes(catalog: Catalog, booklets: dict[int, Path]) -> None:
    assert booklet_pdf(list(catalog.products.values())[:2], "vi", SITE_URL) == booklets[2].read_bytes()
