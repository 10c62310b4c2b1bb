"""The sample content that ships with the project, and the site built from it."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from ocop_site.content.stories import REQUIRED_SECTIONS
from ocop_site.model.loader import load_catalog

CONTENT = Path(__file__).resolve().parent.parent / "content"
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(CONTENT, today=TODAY)


@pytest.fixture(scope="module")
def site(sample_site: Path) -> Path:
    """The sample site, built once per session (conftest.py); its quality gates: test_quality_gates.py."""
    return sample_site


def test_sample_content_is_valid_and_wide_enough(catalog):
    products = catalog.products.values()
    assert len(products) >= 12
    assert len({p.record.group for p in products}) >= 5
    assert len({p.record.locality.commune for p in products}) >= 6
    for product in products:
        for language in ("vi", "en"):
            assert set(REQUIRED_SECTIONS) <= set(product.stories[language].sections), (product.slug, language)
        assert product.record.certificate.illustrative, f"{product.slug}: certificate data must be marked"
        for image in product.record.images:
            assert image.alt.vi and image.alt.en


def test_sample_ledger_already_holds_every_code(catalog):
    """Otherwise building the sample (as the tests do) would write to the repository's ledger."""
    assert catalog.codes.new_entries == []


def test_every_sample_file_is_nfc_utf8():
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix in (".yaml", ".md"):
            text = path.read_text(encoding="utf-8")
            assert unicodedata.is_normalized("NFC", text), path


def test_sample_site_shows_every_certificate_state_honestly(site, catalog):
    for product in catalog.products.values():
        badge = BeautifulSoup((site / "products" / product.slug / "index.html").read_text(), "html.parser")
        status = product.certificate_status(TODAY)
        assert f"ocop-cert--{status}" in badge.select_one(".ocop-cert")["class"]


def _expect_code(result, expected: str) -> None:
    assert (result.text, result.ec_level) == (expected, "Q")


def test_every_qr_artwork_decodes_to_its_payload(site, catalog, tmp_path):
    from pdf_tools import decode, rasterize, svg_page
    from PIL import Image

    from ocop_site.model.qr_payload import payload

    products = catalog.listed
    assert len(list((site / "qr").glob("*.svg"))) == len(products)
    for product in products:
        expected = payload(catalog.site.site_url, product.record.code)
        assert expected.startswith("HTTPS://OCOP.QUANGNGAI.EXAMPLE/P/")
        base = site / "qr" / product.record.code
        [png] = decode(Image.open(base.with_suffix(".png")))
        _expect_code(png, expected)
        [svg] = decode(svg_page(base.with_suffix(".svg"), tmp_path / product.slug / "svg"))
        _expect_code(svg, expected)
        [label] = decode(rasterize(base.with_suffix(".pdf").read_bytes(), tmp_path / product.slug / "pdf")[0])
        _expect_code(label, expected)


def test_label_sheets_hold_every_code_of_their_group_whose_certificate_is_in_force(site, catalog, tmp_path):
    from pdf_tools import decode, rasterize

    from ocop_site.model.qr_payload import payload

    assert len(catalog.in_force) < len(catalog.listed)  # the sample has an expired certificate (tra-river-goby)
    for group, products in {"all": catalog.listed, **catalog.by_group()}.items():
        pages = rasterize((site / "qr" / "sheets" / f"{group}.pdf").read_bytes(), tmp_path / group, dpi=200)
        found = sorted(result.text for page in pages for result in decode(page))
        assert found == sorted(payload(catalog.site.site_url, p.record.code) for p in products
                               if p in catalog.in_force), group


def test_every_printed_code_survives_a_print_simulation(site, catalog):
    from pdf_tools import PRINTED, scans

    from ocop_site.model.qr_payload import payload

    for product in catalog.listed:
        png = (site / "qr" / f"{product.record.code}.png").read_bytes()
        assert scans(png, payload(catalog.site.site_url, product.record.code), PRINTED) >= 9, product.slug
