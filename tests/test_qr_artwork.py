"""QR artwork with real parts only: zxing-cpp decodes, WeasyPrint and poppler render, Pillow prints and blurs."""

from __future__ import annotations

import io
import os
import pickle
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import qrcode
from pdf_tools import (
    MM_PER_PT,
    PRINTED,
    SMUDGED,
    assert_fonts_embedded,
    dark_box,
    decode,
    page_sizes_mm,
    pdf_text,
    rasterize,
    scans,
)
from PIL import Image
from qrcode.constants import ERROR_CORRECT_Q

from ocop_site.model.qr_payload import PayloadTooLong, check_fits, payload
from ocop_site.targets.qr.artwork import (
    QUIET_ZONE,
    SYMBOL_MM,
    LabelData,
    to_label_pdf,
    to_label_sheet_pdf,
    to_png,
    to_svg,
)
from ocop_site.targets.qr.symbol import Symbol, make_symbol

CAPTION = "Quét mã để đọc câu chuyện / Scan to read the story"

# id → site URL, code, Vietnamese name, English name, stars, the payload and its QR version
CASES = {
    "plain": ("https://ocop.example/", "LS-TOI", "Tỏi Lý Sơn", "Lý Sơn garlic", 5,
              "HTTPS://OCOP.EXAMPLE/P/LS-TOI", 2),
    "sub-path": ("https://ocop.example/ocop/", "LS-HANH", "Hành tím Lý Sơn", "Lý Sơn shallots", 4,
                 "HTTPS://OCOP.EXAMPLE/ocop/P/LS-HANH", 3),
    "16-char code": ("https://ocop.quangngai.vn", "TP-MACHNHA-12345", "Mạch nha Thi Phổ truyền thống",
                     "Thi Phổ traditional malt syrup", 3, "HTTPS://OCOP.QUANGNGAI.VN/P/TP-MACHNHA-12345", 3),
}


def assert_decodes(image: Image.Image, symbol: Symbol) -> None:
    results = decode(image)
    assert [result.text for result in results] == [symbol.payload]
    assert results[0].ec_level == "Q"
    assert results[0].extra["Version"] == str(symbol.version)


@pytest.fixture(scope="module")
def symbols() -> dict[str, Symbol]:
    return {case: make_symbol(payload(url, code)) for case, (url, code, *_) in CASES.items()}


@pytest.fixture(scope="module")
def labels(symbols: dict[str, Symbol], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """One label PDF per case, the Vietnamese name given decomposed (NFD) to check it comes out NFC."""
    folder = tmp_path_factory.mktemp("labels")
    paths = {}
    for case, (_, code, name_vi, name_en, stars, *_) in CASES.items():
        pdf = to_label_pdf(symbols[case], code=code, name_vi=unicodedata.normalize("NFD", name_vi),
                           name_en=name_en, stars=stars)
        paths[case] = folder / f"{code}.pdf"
        paths[case].write_bytes(pdf)
    return paths


# Payload and symbol


@pytest.mark.parametrize("case", CASES)
def test_payload_and_version(case: str, symbols: dict[str, Symbol]) -> None:
    *_, expected, version = CASES[case]
    assert symbols[case].payload == expected
    assert symbols[case].version == version
    assert len(symbols[case].modules) == 17 + 4 * version


def test_payload_upper_cases_scheme_and_host_only() -> None:
    assert payload("https://Ocop.Example", "LS-TOI") == "HTTPS://OCOP.EXAMPLE/P/LS-TOI"
    assert payload("https://ocop.example/Ocop/Site/", "AB") == "HTTPS://OCOP.EXAMPLE/Ocop/Site/P/AB"


def test_payload_too_long() -> None:
    long = payload("https://ocop-stories.quangngai.gov.vn", "TP-MACHNHA-12345")
    with pytest.raises(PayloadTooLong) as raised:
        make_symbol(long)
    assert raised.value.payload == long
    assert raised.value.version == 4
    assert str(pickle.loads(pickle.dumps(raised.value))) == str(raised.value)  # from a worker process
    assert str(raised.value) == (
        "the QR payload 'HTTPS://OCOP-STORIES.QUANGNGAI.GOV.VN/P/TP-MACHNHA-12345' (56 characters) needs QR "
        "version 4 at error correction Q; codes are limited to version 3 (29×29 modules) so they stay readable "
        "at about 19 mm on packaging. Fix: shorten the code, or serve the site from a shorter host name"
    )


@pytest.mark.parametrize("length", range(44, 51))
def test_capacity_shortcut_agrees_with_the_encoder(length: int) -> None:
    """check_fits skips encoding alphanumeric payloads up to the capacity table's 47 characters:
    the encoder must agree on both sides of the limit."""
    text = "HTTPS://" + "A" * (length - len("HTTPS://"))
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_Q)
    qr.add_data(text)
    needed = qr.best_fit()

    assert (needed <= 3) == (length <= 47)
    if length <= 47:
        check_fits(text)
    else:
        with pytest.raises(PayloadTooLong):
            check_fits(text)


def test_payload_too_long_explains_lower_case_path() -> None:
    with pytest.raises(PayloadTooLong) as raised:
        make_symbol(payload("https://ocop.example/cau-chuyen-san-pham/", "TP-MACHNHA-12345"))
    assert "(lower-case letters in the site path are stored in byte mode, which takes more room)" in str(raised.value)


def test_module_size_below_minimum_is_refused(symbols: dict[str, Symbol]) -> None:
    with pytest.raises(ValueError, match=r"module size 0.4 mm is below the 0.5 mm minimum"):
        to_svg(symbols["plain"], module_mm=0.4)


# PNG


@pytest.mark.parametrize("case", CASES)
def test_png_decodes_to_the_payload(case: str, symbols: dict[str, Symbol]) -> None:
    image = Image.open(io.BytesIO(to_png(symbols[case])))
    assert image.mode == "1"
    assert tuple(round(d) for d in image.info["dpi"]) == (600, 600)
    assert_decodes(image, symbols[case])


@pytest.mark.parametrize("case", CASES)
def test_png_quiet_zone_and_module_size(case: str, symbols: dict[str, Symbol]) -> None:
    symbol = symbols[case]
    image = Image.open(io.BytesIO(to_png(symbol)))
    left, top, right, bottom = dark_box(image)
    pixels = (right - left) / symbol.size
    assert pixels == int(pixels) == (bottom - top) / symbol.size
    margins = (left, top, image.width - right, image.height - bottom)
    assert [margin / pixels for margin in margins] == [4, 4, 4, 4]  # modules of quiet zone, exactly
    module_mm = pixels * 25.4 / image.info["dpi"][0]
    assert module_mm >= 0.5
    assert abs(image.width / pixels * module_mm - SYMBOL_MM) < 1  # about 19 mm wide


# SVG


@pytest.mark.parametrize("case", CASES)
def test_svg_is_one_path_sized_in_mm(case: str, symbols: dict[str, Symbol]) -> None:
    svg = to_svg(symbols[case])
    side = symbols[case].size + 2 * QUIET_ZONE
    assert svg.count("<path") == 1
    assert f'width="{SYMBOL_MM:g}mm" height="{SYMBOL_MM:g}mm" viewBox="0 0 {side} {side}"' in svg
    assert f'<rect width="{side}" height="{side}" fill="#fff"/>' in svg
    assert 'shape-rendering="crispEdges"' in svg


@pytest.mark.parametrize("case", CASES)
def test_svg_rasterized_decodes_at_its_size(case: str, symbols: dict[str, Symbol], tmp_path: Path) -> None:
    """WeasyPrint draws the SVG on a page 5 mm in from the corner, poppler rasterizes it at 600 dpi."""
    from weasyprint import HTML

    symbol = symbols[case]
    (tmp_path / "qr.svg").write_text(to_svg(symbol), encoding="utf-8")
    html = ('<style>@page { size: 30mm; margin: 0 } body { margin: 0 } img { display: block; margin: 5mm }</style>'
            '<img src="qr.svg">')
    page = rasterize(HTML(string=html, base_url=str(tmp_path)).write_pdf(), tmp_path, dpi=600)[0]
    assert_decodes(page, symbol)
    module_px = SYMBOL_MM / (symbol.size + 2 * QUIET_ZONE) / 25.4 * 600
    left, top, right, bottom = dark_box(page)
    quiet_edge = 5 / 25.4 * 600 + 4 * module_px  # the symbol starts after 5 mm and its quiet zone
    assert abs(left - quiet_edge) <= 1.5 and abs(top - quiet_edge) <= 1.5
    assert abs(right - left - symbol.size * module_px) <= 1.5 and abs(bottom - top - symbol.size * module_px) <= 1.5


# PDF label


@pytest.mark.parametrize("case", CASES)
def test_label_decodes_and_reads(case: str, symbols: dict[str, Symbol], labels: dict[str, Path],
                                 tmp_path: Path) -> None:
    _, code, name_vi, name_en, stars, *_ = CASES[case]
    [page] = rasterize(labels[case].read_bytes(), tmp_path)
    assert_decodes(page, symbols[case])
    text = pdf_text(labels[case])
    assert unicodedata.is_normalized("NFC", text)
    for expected in (code, name_vi, name_en, f"OCOP {stars} sao", CAPTION):
        assert expected in text
    assert_fonts_embedded(labels[case])
    [(width, height)] = page_sizes_mm(labels[case])
    assert (round(width, 2), round(height, 2)) == (50, 30)


# A4 sheet


def test_sheet_is_a4_and_every_code_decodes(tmp_path: Path) -> None:
    codes = [f"SP-{n:03d}" for n in range(23)]  # 21 on the first page, 2 on the second
    sheet = [LabelData(make_symbol(payload("https://ocop.example/", code)), code, f"Sản phẩm số {n}",
                       f"Product {n}", 3 + n % 3) for n, code in enumerate(codes)]
    path = tmp_path / "sheet.pdf"
    path.write_bytes(to_label_sheet_pdf(sheet, "Thực phẩm — Food"))
    sizes = page_sizes_mm(path)
    assert len(sizes) == 2
    for width, height in sizes:
        assert abs(width / MM_PER_PT - 595.28) <= 0.5 and abs(height / MM_PER_PT - 841.89) <= 0.5
    found = []
    for number, page in enumerate(rasterize(path.read_bytes(), tmp_path / "pages"), start=1):
        results = decode(page)
        assert {result.ec_level for result in results} == {"Q"}
        found += [result.text for result in results]
        assert pdf_text(path, number).startswith("Thực phẩm — Food")
    assert sorted(found) == [f"HTTPS://OCOP.EXAMPLE/P/{code}" for code in codes]
    assert_fonts_embedded(path)


# Print simulation

@pytest.mark.parametrize("case", CASES)
def test_print_simulation(case: str, symbols: dict[str, Symbol]) -> None:
    png = to_png(symbols[case])
    assert scans(png, symbols[case].payload, PRINTED) >= 9
    # The simulation can fail: with three times the blur the same code is no longer read.
    assert scans(png, symbols[case].payload, SMUDGED) < 9


# Determinism

DETERMINISM = """
import sys
from ocop_site.targets.qr.artwork import to_label_pdf
from ocop_site.model.qr_payload import payload
from ocop_site.targets.qr.symbol import make_symbol
symbol = make_symbol(payload("https://ocop.example/", "LS-TOI"))
sys.stdout.buffer.write(to_label_pdf(symbol, code="LS-TOI", name_vi="Tỏi Lý Sơn", name_en="Lý Sơn garlic", stars=5))
"""


def test_same_input_gives_the_same_bytes(symbols: dict[str, Symbol]) -> None:
    make_symbol.cache_clear()  # the symbol made again, not the one the process keeps (symbol.py)
    symbol = make_symbol(payload("https://ocop.example/", "LS-TOI"))
    assert symbol is not symbols["plain"]
    assert symbol == symbols["plain"]
    assert to_svg(symbol) == to_svg(symbols["plain"])
    assert to_png(symbol) == to_png(symbols["plain"])
    label = to_label_pdf(symbol, code="LS-TOI", name_vi="Tỏi Lý Sơn", name_en="Lý Sơn garlic", stars=5)
    assert label == to_label_pdf(symbol, code="LS-TOI", name_vi="Tỏi Lý Sơn", name_en="Lý Sơn garlic", stars=5)
    # Another process, another hash seed: no dates, ids or set order leak into the PDF.
    other = subprocess.run([sys.executable, "-c", DETERMINISM], check=True, capture_output=True,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout
    assert other == label
