"""Search in a real browser: Vietnamese typed without diacritics (đ as d) finds the product first,
and each language's search returns that language's pages only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import Page, sync_playwright
from site_server import serve

from ocop_site.content.loader import load_catalog
from ocop_site.content.localities import fold

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(sample_site: Path) -> Iterator[tuple[Page, str]]:
    with serve(sample_site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser.new_page(), origin
        browser.close()


def results(page: tuple[Page, str], language_root: str, query: str) -> list[tuple[str, str]]:
    browser_page, origin = page
    browser_page.goto(f"{origin}/{language_root}search/?q={quote(query)}")
    browser_page.wait_for_selector("#ocop-results-status:not(:empty)")
    return [(urlsplit(a.get_attribute("href")).path, a.inner_text())
            for a in browser_page.query_selector_all("#ocop-results li > a")]


def test_vietnamese_without_diacritics_finds_the_product_first(page):
    assert results(page, "", "toi ly son")[0] == ("/products/ly-son-garlic/", "Tỏi Lý Sơn")
    assert results(page, "", "mach nha thi pho")[0][0] == "/products/thi-pho-malt-syrup/"
    assert results(page, "", "duc nhuan")[0][0] == "/products/duc-nhuan-mushroom/"  # đ typed as d


def test_each_sample_product_is_found_by_its_name_typed_without_diacritics(page, sample_site):
    catalog = load_catalog(sample_site.parent.parent / "content")
    for product in catalog.listed:
        query = fold(product.record.name.vi)
        found = results(page, "", query)
        assert found and found[0][0] == f"/products/{product.slug}/", (query, found[:3])


def test_english_search_returns_english_pages_only(page):
    found = results(page, "en/", "garlic")
    assert found[0] == ("/en/products/ly-son-garlic/", "Lý Sơn garlic")
    assert all(path.startswith("/en/products/") for path, _ in found)
    assert all(path.startswith("/products/") for path, _ in results(page, "", "Lý Sơn"))


def test_no_search_file_is_over_150_kb(sample_site):
    files = [p for folder in (sample_site / "pagefind", sample_site / "en" / "pagefind") for p in folder.rglob("*")]
    assert files and max(p.stat().st_size for p in files if p.is_file()) <= 150_000
