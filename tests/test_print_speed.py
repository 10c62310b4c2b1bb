"""Cheaper per-product jobs, same output (issue 18): the line-break cache of the printables, excerpts
made on demand, QR sheets imposed from the labels' PDFs, share cards from one decoded
photo, photos decoded at reduced size. Real WeasyPrint, pikepdf, poppler, zxing-cpp and Pillow."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import subprocess
import sys
import tomllib
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from ocop_site.model.loader import load_catalog
from ocop_site.model.qr_payload import payload
from ocop_site.model.vocabulary import GROUPS
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.printables import document, fitting, layout_cache
from ocop_site.targets.printables.fitting import Steps, Trial, Variants
from ocop_site.targets.printables.flyer import flyer_pdf
from ocop_site.targets.qr.artwork import (
    SHEET_COLUMNS,
    LabelData,
    impose_labels,
    to_label_pdf,
    to_label_sheet_pdf,
)
from ocop_site.targets.qr.symbol import make_symbol
from ocop_site.targets.share import files as share_files
from ocop_site.targets.share.cards import share_card
from ocop_site.targets.site import images
from tests.content_factory import write_content, write_photo
from tests.pdf_tools import decode, rasterize

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 22)
SITE = "https://ocop.example.vn/"


@pytest.fixture(scope="module")
def catalog(tmp_path_factory):
    return load_catalog(write_content(tmp_path_factory.mktemp("noi-dung") / "content", count=2), today=TODAY)


# Printables: the line-break cache


def _flyer_counting_line_breaks(product, cached: bool) -> tuple[bytes, int]:
    """The flyer's bytes and how many times WeasyPrint's own split_first_line ran."""
    import weasyprint.layout.inline as inline
    import weasyprint.layout.preferred as preferred
    import weasyprint.text.line_break as line_break

    original = line_break.split_first_line
    calls = 0

    def counted(*args, **kwargs):
        nonlocal calls
        calls += 1
        return original(*args, **kwargs)

    saved = document.cached_line_breaks
    for module in (inline, preferred):
        module.split_first_line = counted
    if not cached:
        document.cached_line_breaks = contextlib.nullcontext
    try:
        return flyer_pdf(product, "vi", SITE), calls
    finally:
        document.cached_line_breaks = saved
        for module in (inline, preferred):
            module.split_first_line = original


def test_the_line_break_cache_keeps_every_byte_and_breaks_each_line_once(catalog) -> None:
    product = catalog.products["product-000"]
    with_cache, cached_calls = _flyer_counting_line_breaks(product, cached=True)
    without, calls = _flyer_counting_line_breaks(product, cached=False)
    assert with_cache == without
    text = subprocess.run(["pdftotext", "-", "-"], input=with_cache, capture_output=True, check=True).stdout
    assert product.record.name.vi in text.decode()
    assert cached_calls < calls * 0.8, (cached_calls, calls)


def test_the_line_break_cache_is_pinned_to_the_weasyprint_it_was_checked_against() -> None:
    """The cache replaces a WeasyPrint internal: pyproject.toml must allow only the versions it was checked
    against, and the installed one must be one of them (else the cache turns itself off)."""
    dependencies = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    assert "weasyprint>=69,<70" in dependencies
    assert layout_cache.SUPPORTED == ("69.",)
    assert layout_cache.supported()


def test_the_cache_lives_for_one_render_only(catalog) -> None:
    import weasyprint.layout.inline as inline
    import weasyprint.text.line_break as line_break

    flyer_pdf(catalog.products["product-001"], "en", SITE)
    assert inline.split_first_line is line_break.split_first_line


# Printables: excerpts on demand


def test_variants_are_made_only_when_the_fitting_asks() -> None:
    made: list[int] = []
    variants = Variants((560, 500, 440), lambda limit: made.append(limit) or {"limit": limit})
    assert len(variants) == 3 and made == []
    assert variants[1] == {"limit": 500} and variants[-1] == {"limit": 440}
    assert variants[1] is variants[1]
    assert made == [500, 440]


def test_a_flyer_that_fits_at_once_makes_one_set_of_excerpts(catalog, monkeypatch) -> None:
    from ocop_site.targets.printables import flyer

    limits: list[int] = []
    real = flyer.short_story
    monkeypatch.setattr(flyer, "short_story", lambda product, language, limit: limits.append(limit)
                        or real(product, language, limit))
    flyer_pdf(catalog.products["product-000"], "vi", SITE)
    assert limits == [flyer.STORY_LIMITS[0]]  # the short story fits the longest limit


# Printables: a fitting aimed by the overrun


AMOUNTS = (1450, 1300, 1300, 1050, 980, 720, 400, 300)  # characters of the excerpts at each limit; then 6 trims


def _aimed_search(capacity: int, chars_per_mm: float, unknown: set[int] = frozenset(),
                  trims_fit_from: int = 13) -> tuple[int, list[int]]:
    """A group of 8 excerpts and 6 trims whose blocks hold `capacity` characters, `chars_per_mm` of them a
    millimetre: the setting the search finds and the settings it tried."""
    tried: list[int] = []

    def trial(setting: int) -> Trial:
        tried.append(setting)
        if setting >= len(AMOUNTS):  # the shortest excerpts, and trims
            return Trial(AMOUNTS[-1] <= capacity or setting >= trims_fit_from, None)
        overrun = (AMOUNTS[setting] - capacity) / chars_per_mm
        return Trial(overrun <= 0, None if setting in unknown else overrun)

    group = Steps(frozenset({"back"}), len(AMOUNTS) + 6,
                  lambda setting: "x" * AMOUNTS[setting] if setting < len(AMOUNTS) else None, 16)
    return fitting._first(trial, group), tried


@pytest.mark.parametrize("chars_per_mm", [9, 16, 30])
def test_the_aimed_search_finds_the_first_setting_that_fits_whatever_the_rate(chars_per_mm) -> None:
    for capacity in range(200, 1500, 10):
        for unknown in (set(), {0}, {0, 1, 3}):
            for trims_fit_from in (8, 11, 13):
                first = next((setting for setting in range(14) if AMOUNTS[min(setting, 7)] <= capacity
                              or setting >= trims_fit_from), 13)
                found, tried = _aimed_search(capacity, chars_per_mm, unknown, trims_fit_from)
                assert found == first, (capacity, unknown, trims_fit_from, tried)
                assert len(tried) == len(set(tried))  # no setting laid out twice


def test_the_aimed_search_lays_out_three_times_where_the_halving_took_six() -> None:
    found, tried = _aimed_search(capacity=1000, chars_per_mm=16)
    assert (found, tried) == (4, [0, 4, 3])
    fitting_aimed = fitting._aimed
    try:
        fitting._aimed = lambda *arguments: None
        assert _aimed_search(capacity=1000, chars_per_mm=16) == (4, [0, 1, 3, 7, 5, 4])
    finally:
        fitting._aimed = fitting_aimed


def test_a_sample_flyer_aimed_at_its_overrun_has_the_bytes_of_the_halving_search_in_half_the_layouts(
        monkeypatch) -> None:
    from ocop_site.targets.printables import flyer

    product = load_catalog(ROOT / "content", today=TODAY).products["go-co-village"]
    layouts: list[int] = []
    real_layout = flyer._layout
    monkeypatch.setattr(flyer, "_layout", lambda *arguments, **options: layouts.append(1)
                        or real_layout(*arguments, **options))
    aimed = flyer_pdf(product, "vi", SITE)
    aimed_layouts = len(layouts)
    monkeypatch.setattr(fitting, "_aimed", lambda *arguments: None)
    layouts.clear()
    halving = flyer_pdf(product, "vi", SITE)
    assert aimed == halving
    assert (aimed_layouts, len(layouts)) == (3, 6)


# QR sheets imposed from the labels' PDFs


def _labels(count: int) -> list[LabelData]:
    return [LabelData(make_symbol(payload(SITE, f"DP-{n:02d}")), f"DP-{n:02d}", f"Đường phổi số {n}",
                      f"Lung sugar {n}", 3 + n % 3) for n in range(count)]


def test_a_sheet_places_each_label_pdf_in_its_cell_and_every_code_decodes(tmp_path: Path) -> None:
    labels = _labels(5)
    pdfs = [to_label_pdf(label.symbol, code=label.code, name_vi=label.name_vi, name_en=label.name_en,
                         stars=label.stars) for label in labels]
    sheet = impose_labels(pdfs, "Thực phẩm — Food")
    with pikepdf.open(io.BytesIO(sheet)) as pdf:
        [page] = pdf.pages
        forms = [xobject for xobject in page.Resources.XObject.values() if xobject.get("/Subtype") == "/Form"
                 and [round(float(v) * 25.4 / 72, 2) for v in xobject.BBox] == [0, 0, 50, 30]]
        assert len(forms) == 5  # each label's own page, placed as it is
    [image] = rasterize(sheet, tmp_path / "sheet", dpi=150)
    px_per_mm = 150 / 25.4
    found = {}
    for result in decode(image):
        centre_x = (result.position.top_left.x + result.position.bottom_right.x) / 2 / px_per_mm
        centre_y = (result.position.top_left.y + result.position.bottom_right.y) / 2 / px_per_mm
        found[result.text] = (round(centre_x), round(centre_y))
    # a label's code is centred 1 + 18.5 / 2 mm from its cell's top-left corner; the grid starts at (22, 16) mm
    expected = {payload(SITE, label.code): (round(22 + n % SHEET_COLUMNS * 58 + 10.25),
                                            round(16 + n // SHEET_COLUMNS * 36 + 10.25))
                for n, label in enumerate(labels)}
    assert found == expected
    text = subprocess.run(["pdftotext", "-", "-"], input=sheet, capture_output=True, check=True).stdout.decode()
    assert text.startswith("Thực phẩm — Food")
    assert text.count("Quét mã để đọc câu chuyện /") == 5
    assert "Đường phổi số 4" in text


def test_a_label_printed_twice_is_embedded_once() -> None:
    label = to_label_pdf(make_symbol(payload(SITE, "DP-01")), code="DP-01", name_vi="Đường phổi",
                         name_en="Lung sugar", stars=4)
    with pikepdf.open(io.BytesIO(impose_labels([label] * 3, "Đồng"))) as pdf:
        forms = {xobject.objgen for xobject in pdf.pages[0].Resources.XObject.values()
                 if [round(float(v) * 25.4 / 72, 2) for v in xobject.get("/BBox", [])] == [0, 0, 50, 30]}
        assert len(forms) == 1


IMPOSE = """
import sys
from ocop_site.targets.qr.artwork import LabelData, to_label_sheet_pdf
from ocop_site.model.qr_payload import payload
from ocop_site.targets.qr.symbol import make_symbol
labels = [LabelData(make_symbol(payload("https://ocop.example.vn/", f"DP-{n:02d}")), f"DP-{n:02d}", f"Đường phổi {n}",
                    f"Lung sugar {n}", 4) for n in range(23)]
sys.stdout.buffer.write(to_label_sheet_pdf(labels, "Tất cả sản phẩm OCOP — All OCOP products"))
"""


def test_an_imposed_sheet_has_the_same_bytes_in_another_process() -> None:
    runs = [subprocess.run([sys.executable, "-c", IMPOSE], capture_output=True, check=True, cwd=ROOT).stdout]
    assert runs[0] == to_label_sheet_pdf(
        [LabelData(make_symbol(payload(SITE, f"DP-{n:02d}")), f"DP-{n:02d}", f"Đường phổi {n}", f"Lung sugar {n}", 4)
         for n in range(23)], "Tất cả sản phẩm OCOP — All OCOP products")
    with pikepdf.open(io.BytesIO(runs[0])) as pdf:
        assert len(pdf.pages) == 2


# Share cards: one decode for both languages


def test_one_job_draws_both_languages_cards_with_the_same_bytes(catalog, tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache")
    outputs = share_files.render_share_cards(catalog, cache, lambda _: None)
    assert sorted(outputs) == ["share/product-000.en.jpg", "share/product-000.vi.jpg",
                               "share/product-001.en.jpg", "share/product-001.vi.jpg"]
    assert len(list((tmp_path / "cache").glob("*/*/.done"))) == 2  # one job a product
    product = catalog.products["product-000"]
    record = product.record
    alone = share_card(record.name.vi, record.name.en, record.stars, record.locality.commune,
                       GROUPS[record.group.value]["vi"], "Câu chuyện OCOP", product.image_path(0), "vi")
    assert outputs["share/product-000.vi.jpg"].read_bytes() == alone


# Photos: reduced-size decoding, one JPEG


def test_a_camera_size_photo_is_decoded_small_and_a_small_one_whole(tmp_path: Path) -> None:
    big, small = tmp_path / "ảnh-lớn.jpg", tmp_path / "ảnh-nhỏ.jpg"
    write_photo(big, size=(4000, 3000))
    write_photo(small, size=(1600, 1000))
    for path, decoded in ((big, (2000, 1500)), (small, (1600, 1000))):
        with Image.open(path) as image:
            images._decode_small(image, 1440)
            assert image.size == decoded, path.name
    picture = images.plan_picture(big, "duong-phoi")
    files = images._renditions(str(big), picture.widths)
    assert sorted(files) == ["1440.jpg", "1440.webp", "480.webp", "960.webp"]
    assert Image.open(io.BytesIO(files["1440.jpg"])).size == (1440, 1080)
    assert picture.srcset("jpg", "/") == "/media/duong-phoi/ảnh-lớn-1440.jpg 1440w"
