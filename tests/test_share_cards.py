"""Share cards: real Pillow, the real Be Vietnam Pro files, the sample content's photos."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import multiprocessing
import os
import shutil
import subprocess
import sys
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from PIL import Image

from ocop_site.content import drawable
from ocop_site.model.catalog import Product
from ocop_site.model.loader import load_catalog
from ocop_site.model.vocabulary import GROUPS
from ocop_site.targets.share import fonts
from ocop_site.targets.share.cards import (
    GREEN,
    HEIGHT,
    PAD,
    PANEL,
    RED,
    WIDTH,
    Line,
    Shape,
    card_image,
    card_layout,
    font_covers,
    share_card,
)

SAMPLE_CONTENT = Path(__file__).resolve().parent.parent / "content"
LANGUAGES = ("vi", "en")

# Every Vietnamese vowel with every tone, both cases, plus đ/Đ and the whole Latin Extended
# Additional block used by Vietnamese (U+1EA0–U+1EF9).
VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")  # level, huyền, sắc, hỏi, ngã, nặng
TORTURE = " ".join([
    "Đường phổi Đức Phổ; Tỏi Lý Sơn; Ỷ Ỹ Ỵ ự ữ ằ ẵ ặ ẩ ậ ễ ở ợ",
    "".join(unicodedata.normalize("NFC", v + t) for v, t in itertools.product(VOWELS + VOWELS.upper(), TONES)),
    "đĐ",
    "".join(map(chr, range(0x1EA0, 0x1EFA))),
])


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(SAMPLE_CONTENT, today=dt.date(2026, 11, 22))


def card_args(product: Product, language: str, site_title: str) -> tuple:
    other = "en" if language == "vi" else "vi"
    return (product.name(language), product.name(other), product.record.stars, product.record.locality.commune,
            GROUPS[product.record.group.value][language], site_title, product.image_path(0), language)


def test_torture_string_is_what_it_claims() -> None:
    assert len(set(TORTURE)) > 150  # 144 toned vowels, đ Đ, punctuation
    assert all(unicodedata.is_normalized("NFC", c) for c in TORTURE)
    assert {"ă", "â", "ê", "ô", "ơ", "ư", "đ", "Ă", "Â", "Ê", "Ô", "Ơ", "Ư", "Đ", "ỹ", "Ỹ", "ự", "Ự"} <= set(TORTURE)


def test_every_sample_card_is_a_1200x630_jpeg_without_metadata(catalog) -> None:
    assert len(catalog.products) == 13
    for product, language in itertools.product(catalog.products.values(), LANGUAGES):
        data = share_card(*card_args(product, language, getattr(catalog.site.title, language)))
        with Image.open(io.BytesIO(data)) as card:
            assert (card.format, card.size, card.mode) == ("JPEG", (WIDTH, HEIGHT), "RGB"), product.slug
            assert "exif" not in card.info and not card.getexif(), product.slug


@pytest.mark.parametrize("expired", [None, dt.date(2027, 1, 1)])
def test_every_sample_name_is_drawn_whole_inside_the_panel(catalog, expired: dt.date | None) -> None:
    """With the stars, and with the taller expiry badge in their place."""
    for product, language in itertools.product(catalog.products.values(), LANGUAGES):
        args = card_args(product, language, getattr(catalog.site.title, language))
        items = card_layout(*args[:6], language, expired=expired)
        assert " ".join(i.text for i in items if isinstance(i, Line) and i.role == "name") == args[0]
        assert " ".join(i.text for i in items if isinstance(i, Line) and i.role == "other_name") == args[1]
        assert_inside_panel(items)


@pytest.mark.parametrize("weight", fonts.WEIGHTS)
def test_the_font_covers_every_sample_name_and_all_of_vietnamese(catalog, weight: int) -> None:
    for product, language in itertools.product(catalog.products.values(), LANGUAGES):
        assert font_covers(product.name(language), weight) == [], product.slug
    labels = [catalog.site.title.vi, catalog.site.title.en, *(g[lang] for g in GROUPS.values() for lang in LANGUAGES)]
    for label in labels:
        assert font_covers(label, weight) == []
    assert font_covers(TORTURE, weight) == []


@pytest.mark.parametrize("weight", fonts.WEIGHTS)
def test_the_merged_font_maps_each_character_to_its_own_glyph(weight: int) -> None:
    """Coverage alone would not catch a merge that maps a character to the wrong glyph: compare outlines
    and advances with the subset files (as unhinted: rendering differs, FreeType autohints the lone subset)."""
    merged = TTFont(io.BytesIO(fonts.merged_font(weight)))
    merged_cmap = merged.getBestCmap()
    for path in fonts.font_files(weight):
        subset = fonts.unhinted(path)
        for code, glyph_name in subset.getBestCmap().items():
            expected = subset["glyf"][glyph_name].getCoordinates(subset["glyf"])
            actual = merged["glyf"][merged_cmap[code]].getCoordinates(merged["glyf"])
            assert (actual[0].array, actual[1], actual[2]) == (expected[0].array, expected[1], expected[2]), chr(code)
            assert merged["hmtx"][merged_cmap[code]] == subset["hmtx"][glyph_name], chr(code)
    face = fonts.font(weight, 40)
    assert all(face.getbbox(char)[2] > 0 for char in set(TORTURE) - {" "})  # every glyph has ink


def test_a_character_the_font_lacks_is_reported_and_refused(catalog) -> None:
    assert font_covers("Sâm ★ Ngọc Linh 人参 ★", 700) == ["★", "人", "参"]
    assert font_covers("Sa Huỳnh", 400) == []
    args = card_args(catalog.products["ngoc-linh-ginseng"], "vi", catalog.site.title.vi)
    with pytest.raises(ValueError, match="no glyph for ★ in 'Sâm Ngọc Linh ★'"):
        card_layout("Sâm Ngọc Linh ★", *args[1:6], "vi")


def test_validate_knows_what_the_card_font_can_draw() -> None:
    """The loader's rule reads the site's font files; the cards draw with their merge: the two agree."""
    assert drawable.drawable() == fonts._codepoints(400) & fonts._codepoints(700)
    assert drawable.undrawable("Sâm ★ Ngọc Linh 人参 ★ đĐ") == ["★", "人", "参"]


def _sample_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(SAMPLE_CONTENT, content)
    return content


def _assert_validate_refuses(tmp_path: Path, language: str, expected: str) -> None:
    """`ocop-site validate --lang LANGUAGE` on tmp_path/content exits 1 and prints `expected`."""
    result = subprocess.run([sys.executable, "-m", "ocop_site", "validate", "--lang", language, "--content", "content"],
                            cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONUTF8": "1"})
    assert result.returncode == 1, result.stderr
    assert expected in result.stderr, result.stderr


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "content/products/ngoc-linh-ginseng.yaml:5: 'name.en' has characters the share-card font cannot draw: "
           "★ 人 参\n  Fix: use Vietnamese or English letters, digits and common punctuation"),
    ("vi", "content/products/ngoc-linh-ginseng.yaml:5: 'name.en' có ký tự mà phông chữ của thẻ chia sẻ không vẽ "
           "được: ★ 人 参\n  Cách sửa: dùng chữ cái tiếng Việt hoặc tiếng Anh, chữ số và các dấu câu thông dụng"),
])
def test_validate_refuses_a_name_the_card_cannot_draw(tmp_path: Path, language: str, expected: str) -> None:
    content = _sample_copy(tmp_path)
    record = content / "products" / "ngoc-linh-ginseng.yaml"
    text = record.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    assert lines[4].startswith("  en: ")
    lines[4] = lines[4].rstrip("\n") + " ★ 人参\n"
    record.write_text("".join(lines), encoding="utf-8")
    _assert_validate_refuses(tmp_path, language, expected)


@pytest.mark.parametrize(("language", "expected"), [
    ("en", "content/site.yaml:2: 'title.vi' has characters the share-card font cannot draw: 人 参\n"
           "  Fix: use Vietnamese or English letters, digits and common punctuation"),
    ("vi", "content/site.yaml:2: 'title.vi' có ký tự mà phông chữ của thẻ chia sẻ không vẽ được: 人 参\n"
           "  Cách sửa: dùng chữ cái tiếng Việt hoặc tiếng Anh, chữ số và các dấu câu thông dụng"),
])
def test_validate_refuses_a_site_title_the_card_cannot_draw(tmp_path: Path, language: str, expected: str) -> None:
    """Every share card shows the site's title: before, only the build found it, in a worker (exit 3)."""
    site = _sample_copy(tmp_path) / "site.yaml"
    text = site.read_text(encoding="utf-8")
    assert 'title: {vi: "Câu chuyện sản phẩm OCOP Quảng Ngãi",' in text.splitlines()[1]
    site.write_text(text.replace('OCOP Quảng Ngãi",', 'OCOP Quảng Ngãi 人参",', 1), encoding="utf-8")
    _assert_validate_refuses(tmp_path, language, expected)


def test_decomposed_input_is_drawn_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Hoa muối Sa Huỳnh")
    assert font_covers(decomposed, 700) == []
    items = card_layout(decomposed, "Sa Huỳnh salt flower", 4, "Phường Sa Huỳnh", "Thực phẩm", "OCOP", "vi")
    assert " ".join(i.text for i in items if isinstance(i, Line) and i.role == "name") == "Hoa muối Sa Huỳnh"


def test_the_same_input_gives_the_same_bytes_in_a_fresh_worker_process(catalog) -> None:
    """As the build runs it: pickled arguments, a new interpreter with cold font caches."""
    args = card_args(catalog.products["ly-son-garlic"], "vi", catalog.site.title.vi)
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as pool:
        fresh, fresh_font = pool.submit(share_card, *args).result(), pool.submit(fonts.merged_font, 700).result()
    assert share_card(*args) == fresh
    assert fonts.merged_font(700) == fresh_font  # no clock in the merged font either
    assert share_card(*card_args(catalog.products["ly-son-garlic"], "en", catalog.site.title.en)) != fresh


LONG_NAME = "Nước mắm cá cơm truyền thống Sa Huỳnh ủ chượp trong thùng gỗ bời lời ba năm"
LONG = (LONG_NAME, "Traditional Sa Huỳnh anchovy fish sauce aged three years in bời lời wood barrels", 5,
        "Phường Sa Huỳnh (thị xã Đức Phổ cũ)", GROUPS["tourism"]["vi"], "Câu chuyện sản phẩm OCOP Quảng Ngãi")


def test_a_long_name_wraps_shrinks_and_stays_whole_inside_the_panel(catalog) -> None:
    items = card_layout(*LONG, "vi")
    name = [i for i in items if isinstance(i, Line) and i.role == "name"]
    assert 2 <= len(name) <= 3 and name[0].size < 84
    assert " ".join(line.text for line in name) == LONG_NAME
    assert_inside_panel(items)
    assert_margins_untouched(card_image(*LONG, catalog.products["sa-huynh-salt"].image_path(0), "vi"))


def test_a_word_too_long_for_any_size_is_cut_with_an_ellipsis_not_clipped(catalog) -> None:
    word = "Đ" + "ư" * 150
    items = card_layout(word, word, 3, word, word, word, "en")
    name = [i for i in items if isinstance(i, Line) and i.role == "name"]
    assert name[-1].text.endswith("…") and len(name) == 3
    assert_inside_panel(items)
    photo = catalog.products["ly-son-garlic"].image_path(0)
    assert_margins_untouched(card_image(word, word, 3, word, word, word, photo, "en"))


def test_a_small_photo_turned_by_exif_still_fills_its_side(tmp_path: Path) -> None:
    photo = Image.new("RGB", (200, 300), (200, 30, 30))
    photo.paste((30, 30, 200), (0, 0, 200, 150))  # top half blue as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned 90° clockwise: the blue half is then on the right
    photo.save(tmp_path / "turned.jpg", exif=exif)
    card = card_image("Tỏi Lý Sơn", "Lý Sơn garlic", 5, "Đặc khu Lý Sơn", "Thực phẩm", "OCOP",
                      tmp_path / "turned.jpg", "vi")
    assert card.size == (WIDTH, HEIGHT)
    red, _, blue = card.getpixel((PANEL + 20, HEIGHT // 2))
    assert red > 150 and blue < 80
    red, _, blue = card.getpixel((WIDTH - 20, HEIGHT // 2))
    assert blue > 150 and red < 80


EXPIRED_LINES = {"vi": ["Giấy chứng nhận OCOP", "hết hạn ngày 15/06/2026"],
                 "en": ["OCOP certificate", "expired on 15 June 2026"]}


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_expired_certificate_shows_its_date_on_a_badge_instead_of_the_stars(catalog, language: str) -> None:
    """Issue 15: the flyer's words and date, white on red, where the stars and "OCOP 3 sao" were."""
    product = catalog.products["tra-river-goby"]
    expired = product.expired(catalog.today)
    assert expired == dt.date(2026, 6, 15)
    args = card_args(product, language, getattr(catalog.site.title, language))
    items = card_layout(*args[:6], language, expired=expired)
    lines = [item for item in items if isinstance(item, Line)]
    assert [line.text for line in lines if line.role == "expired"] == EXPIRED_LINES[language]
    assert not [item for item in items if item.role in ("star", "rating")]
    assert not [line.text for line in lines if "sao" in line.text or "star" in line.text]
    # everything else is as on the card with stars
    valid = [(item.role, item.text) for item in card_layout(*args[:6], language) if isinstance(item, Line)]
    assert [(line.role, line.text) for line in lines if line.role != "expired"] == [
        (role, text) for role, text in valid if role != "rating"]
    assert " ".join(line.text for line in lines if line.role == "name") == args[0]  # "Cá bống sông Trà kho" in vi
    # the lines sit on the badge, clear of its edges, and the badge is drawn red
    [badge] = [item for item in items if isinstance(item, Shape) and item.role == "expired_badge"]
    left, top, right, bottom = badge.box()
    for line in lines:
        if line.role == "expired":
            x0, y0, x1, y1 = line.box()
            assert x0 >= left + 12 and x1 <= right - 12 and y0 >= top + 8 and y1 <= bottom - 8, line
    assert_inside_panel(items)
    card = card_image(*args, expired=expired)
    assert card.getpixel((round(left) + 6, round((top + bottom) / 2))) == RED
    assert_margins_untouched(card)


def test_the_expiry_badge_is_never_cut_even_beside_the_longest_texts(catalog) -> None:
    """The name gives way (it is cut first), the date never does; a glyph the font lacks is still refused."""
    word = "Đ" + "ư" * 150
    day = dt.date(2026, 12, 31)
    cases = [(LONG, "vi", "Giấy chứng nhận OCOP hết hạn ngày 31/12/2026"),
             ((word, word, 3, word, word, word), "en", "OCOP certificate expired on 31 December 2026")]
    for args, language, label in cases:
        items = card_layout(*args, language, expired=day)
        assert " ".join(i.text for i in items if isinstance(i, Line) and i.role == "expired") == label
        assert_inside_panel(items)
    photo = catalog.products["sa-huynh-salt"].image_path(0)
    assert_margins_untouched(card_image(word, word, 3, word, word, word, photo, "en", expired=day))
    with pytest.raises(ValueError, match="no glyph for ★ in 'Sâm Ngọc Linh ★'"):
        card_layout("Sâm Ngọc Linh ★", *LONG[1:], "vi", expired=day)


def test_unknown_language_rating_or_empty_text_is_refused() -> None:
    with pytest.raises(ValueError, match="share cards are drawn in \\['en', 'vi'\\], not 'fr'"):
        card_layout("Tỏi", "Garlic", 5, "Lý Sơn", "Food", "OCOP", "fr")
    with pytest.raises(ValueError, match="an OCOP rating has 1 to 5 stars, not 6"):
        card_layout("Tỏi", "Garlic", 6, "Lý Sơn", "Food", "OCOP", "vi")
    with pytest.raises(ValueError, match="a share card needs a name, other name, locality, group and site title"):
        card_layout("Tỏi", " ", 5, "Lý Sơn", "Food", "OCOP", "vi")


def assert_inside_panel(items: list) -> None:
    """Every box inside the panel's margins, and no two boxes overlapping (lines never collide)."""
    boxes = [item.box() for item in items]
    for item, (left, top, right, bottom) in zip(items, boxes, strict=True):
        assert left >= PAD and right <= PANEL - PAD and top >= PAD and bottom <= HEIGHT - PAD, item
    for (a, box_a), (b, box_b) in itertools.combinations(zip(items, boxes, strict=True), 2):
        if a.role == b.role == "pin" or {a.role, b.role} == {"expired_badge", "expired"}:
            continue  # the hole sits in the pin, the words on their badge, on purpose
        across = min(box_a[2], box_b[2]) > max(box_a[0], box_b[0])
        down = min(box_a[3], box_b[3]) > max(box_a[1], box_b[1])
        assert not (across and down), (a, b)


def assert_margins_untouched(card: Image.Image) -> None:
    """The panel's margins are exactly the panel colour in the drawn picture: no ink reached them."""
    strips = [(0, 0, PAD, HEIGHT), (PANEL - PAD, 0, PANEL, HEIGHT),  # left, right
              (0, 0, PANEL, PAD), (0, HEIGHT - PAD, PANEL, HEIGHT)]  # top, bottom
    for strip in strips:
        assert card.crop(strip).getcolors() == [((strip[2] - strip[0]) * (strip[3] - strip[1]), GREEN)], strip

