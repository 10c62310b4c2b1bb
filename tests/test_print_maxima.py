"""What validate accepts always prints (issue 15): every text the flyer, the brochure and the catalogue page
print whole is bounded (records.PRINTED), and a record with every one of them at its bound, in wide
Vietnamese and English, with more points of sale and photos than any piece has room for, fits each piece
in both languages. Real WeasyPrint layouts, text read back with poppler."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from content_factory import (
    PHOTOS,
    SHOPS,
    STORY,
    WIDE,
    bounded,
    maximal_record,
    maximal_words_record,
    write_photo,
    write_product,
    write_site,
)
from pdf_tools import overflowing_text, page_boxes, pdf_text

from ocop_site.content.records import PRINTED
from ocop_site.model.catalog import Product
from ocop_site.model.loader import load_catalog
from ocop_site.targets.printables import DoesNotFit, booklet, brochure, brochure_pdf, flyer, flyer_pdf
from ocop_site.targets.printables.booklet import product_pages_document, product_pages_pdf
from ocop_site.targets.printables.brochure import brochure_document
from ocop_site.targets.printables.document import to_pdf
from ocop_site.targets.printables.flyer import flyer_document

TODAY = dt.date(2026, 11, 22)
EXPIRED = dt.date(2026, 9, 15)  # the longest stars line: "OCOP certificate expired on 15 September 2026"
SITE_URL = "https://dulich.quangngai.vn/"  # the longest the QR payload check allows with the code T-000
SLUG = "hop-tac-xa-nong-nghiep-dich-vu-tong-hop-dong-tam-binh-son-mo"  # 60 characters


def long_story() -> dict[str, str]:
    """The factory's stories, each section's paragraph about 700 words: excerpts cut to their shortest."""
    stories = {}
    for language, text in STORY.items():
        blocks = text.strip().split("\n\n")
        stories[language] = "\n\n".join(
            block if block.startswith("#") or block == blocks[0] else " ".join([block] * 40) for block in blocks) + "\n"
    return stories


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("maxima") / "content"
    write_site(content)
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8").replace("https://ocop.example.vn/", SITE_URL), encoding="utf-8")
    write_product(content, SLUG, 0, record=maximal_record(), stories=long_story())
    for n in range(PHOTOS):
        write_photo(content / "media" / SLUG / f"photo-{n}.jpg", (3000, 2000), seed=n)
    return content


@pytest.fixture(scope="module")
def product(content: Path) -> Product:
    return load_catalog(content, today=TODAY).products[SLUG]  # no content error, or it raises


def test_the_maximal_record_is_at_every_bound(product: Product) -> None:
    record = product.record
    assert len(SLUG) == PRINTED["slug"]
    assert {len(record.name.vi), len(record.name.en)} == {PRINTED["name"]}
    assert len(record.summary.vi) == PRINTED["summary"]
    assert len(record.producer.address) == len(record.where_to_buy[7].address) == PRINTED["address"]
    assert len(record.where_to_buy[7].url or "") == PRINTED["shop.url"]
    assert len(record.images[3].alt.en) == PRINTED["image.alt"]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("expired", [None, EXPIRED], ids=["valid", "expired"])
def test_the_flyer_fits_a_record_at_every_bound(product: Product, language: str, expired: dt.date | None,
                                                tmp_path: Path) -> None:
    path = tmp_path / "flyer.pdf"
    laid_out = flyer_document(product, language, SITE_URL, expired=expired)
    assert overflowing_text(laid_out) == []  # nothing out of its column or off the page
    path.write_bytes(to_pdf(laid_out))
    assert len(page_boxes(path)) == 2
    back = pdf_text(path, 2)
    assert_every_shop_accounted_for(back, language)  # those printed first, the others counted, none lost
    assert bounded("producer.name", language="vi")[:40] in back  # the producer whole, never dropped


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_brochure_fits_a_record_at_every_bound(product: Product, language: str, tmp_path: Path) -> None:
    path = tmp_path / "brochure.pdf"
    laid_out = brochure_document(product, language, SITE_URL, expired=EXPIRED)
    assert overflowing_text(laid_out) == []
    path.write_bytes(to_pdf(laid_out))
    assert len(page_boxes(path)) == 2
    assert_every_shop_accounted_for(pdf_text(path, 1), language)


def assert_every_shop_accounted_for(text: str, language: str) -> None:
    """The first points of sale printed (1., 2., … in order), the number of the others on their line."""
    printed = [n for n in range(1, SHOPS + 1) if f"{n}. {WIDE[language][:24]}" in text]
    assert printed == list(range(1, len(printed) + 1))
    left = SHOPS - len(printed)
    line = {("vi", True): f"{left} nơi bán: xem trên trang của sản phẩm (quét mã QR)",
            ("en", True): f"{left} points of sale: see the product page (scan the QR code)",
            ("vi", False): f"và {left} nơi bán khác trên trang của sản phẩm",
            ("en", False): f"and {left} more points of sale on the product page"}[language, not printed]
    assert line in text


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_catalogue_page_fits_a_record_at_every_bound(product: Product, language: str, tmp_path: Path) -> None:
    path = tmp_path / "page.pdf"
    laid_out = product_pages_document([product], 3, language, SITE_URL)
    assert overflowing_text(laid_out) == []
    path.write_bytes(to_pdf(laid_out))
    assert len(page_boxes(path)) == 1
    assert SLUG.replace("-", "") in pdf_text(path).replace(" ", "").replace("-", "")  # broken at a hyphen


@pytest.fixture(scope="module")
def words(tmp_path_factory: pytest.TempPathFactory) -> Product:
    """The maximal record with every bounded text one word, as an address typed without spaces would be."""
    content = tmp_path_factory.mktemp("words") / "content"
    write_site(content)
    write_product(content, "words", 0, record=maximal_words_record(), stories=long_story())
    for n in range(PHOTOS):
        write_photo(content / "media" / "words" / f"photo-{n}.jpg", (3000, 2000), seed=n)
    return load_catalog(content, today=TODAY).products["words"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_texts_without_spaces_break_inside_their_panels(words: Product, language: str) -> None:
    """A word longer than its line breaks (print.css: overflow-wrap) instead of running out of its panel,
    off the page, or pushing a column off the page (the points of sale on the flyer's back did)."""
    for laid_out in (flyer_document(words, language, SITE_URL), brochure_document(words, language, SITE_URL),
                     product_pages_document([words], 3, language, SITE_URL)):
        assert overflowing_text(laid_out) == []


def test_without_its_trims_the_flyer_would_not_fit(product: Product, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bounds alone do not make a record fit: the steps the pieces give up do (this test fails if
    the maxima above stopped needing them)."""
    monkeypatch.setattr(flyer, "BACK_TRIMS", flyer.BACK_TRIMS[:2])  # quote and video only: every point of sale kept
    with pytest.raises(DoesNotFit) as raised:
        flyer_pdf(product, "vi", SITE_URL)
    assert raised.value.blocks == ["back"]


def test_without_its_trims_the_brochure_would_not_fit(product: Product, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(brochure, "FOLD_IN_TRIMS", ())
    with pytest.raises(DoesNotFit) as raised:
        brochure_pdf(product, "en", SITE_URL)
    assert raised.value.blocks == ["fold-in"]


def test_without_its_last_step_the_catalogue_page_would_not_fit(product: Product,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(booklet, "STORY_LIMITS", booklet.STORY_LIMITS[:-1])  # the page without the excerpts
    with pytest.raises(DoesNotFit) as raised:
        product_pages_pdf([product], 3, "vi", SITE_URL)
    assert str(raised.value) == (
        f"the A5 catalogue page of {product.stories['vi'].path}: even the tightest layout overflows (overflowing: "
        f"{SLUG}), though every text it prints whole is within the lengths validate checks")
