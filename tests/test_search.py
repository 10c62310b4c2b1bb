"""Search in a real browser: Vietnamese typed without diacritics (đ as d, folded in the index) finds
the product first, and each language's search returns that language's pages only."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from external_tools import launch_chromium
from playwright.sync_api import Page, sync_playwright
from site_server import serve

from ocop_site.content.localities import fold
from ocop_site.i18n import t
from ocop_site.model.loader import load_catalog
from ocop_site.targets.site.search_index import EXCLUDED

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(chromium: Path, sample_site: Path) -> Iterator[tuple[Page, str]]:
    with serve(sample_site) as origin, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
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


# -- what the visitor meant (issue 16) -----------------------------------------------------------------

def _articles_containing(sample_site: Path, word: str) -> set[str]:
    """Paths of the Vietnamese product pages whose indexed article text contains `word`."""
    from bs4 import BeautifulSoup

    found = set()
    for page in (sample_site / "products").glob("*/index.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one("article")
        for hidden in article.select(", ".join(EXCLUDED)):
            hidden.decompose()
        if word in article.get_text(" ").lower():
            found.add(f"/products/{page.parent.name}/")
    return found


def test_que_with_its_diacritics_lists_the_cinnamon_first_and_only_pages_with_que(page, sample_site):
    found = [path for path, _ in results(page, "", "quế")]
    assert found[0] == "/products/tra-bong-cinnamon-oil/"
    assert set(found) <= _articles_containing(sample_site, "quế"), found
    assert len(results(page, "", "tỏi")) <= len(_articles_containing(sample_site, "tỏi"))


def test_que_without_diacritics_still_finds_the_cinnamon_first(page):
    assert results(page, "", "que")[0] == ("/products/tra-bong-cinnamon-oil/", "Tinh dầu quế Trà Bồng")


def test_d_finds_đ_in_all_indexed_text(page, sample_site):
    with_duong = _articles_containing(sample_site, "đường")
    assert len(with_duong) >= 3
    assert with_duong <= {path for path, _ in results(page, "", "duong")}
    assert "/products/thi-pho-malt-syrup/" in {path for path, _ in results(page, "", "mach nha duong")}


def test_the_index_itself_finds_đ_as_d(page, sample_site):
    """At index time, not by trying đ for d in the query: Pagefind's own API, asked "duong" with tone
    marks folded, returns every page whose indexed text has "đường", and "dac san duong" (three words
    starting with d) the malt syrup."""
    browser_page, origin = page
    browser_page.goto(f"{origin}/search/")
    search = """async query => {
        const pagefind = await import('/pagefind/pagefind.js');
        await pagefind.options({exactDiacritics: false});
        const found = await pagefind.search(query);
        return (await Promise.all(found.results.map(result => result.data()))).map(data => data.url);
    }"""
    assert set(browser_page.evaluate(search, "duong")) >= _articles_containing(sample_site, "đường")
    assert "/products/thi-pho-malt-syrup/" in browser_page.evaluate(search, "dac san duong")


def test_titles_and_snippets_show_đ_never_its_stand_in(page):
    browser_page, _ = page
    for query in ("duc nhuan", "Đức Nhuận", "đường", "duong"):
        found = results(page, "", query)
        assert found, query
        texts = [title for _, title in found] + browser_page.locator("#ocop-results li > p").all_inner_texts()
        assert not [text for text in texts if "\u0335" in text], (query, texts)
    assert results(page, "", "duc nhuan")[0] == ("/products/duc-nhuan-mushroom/", "Nấm bào ngư Đức Nhuận")
    results(page, "", "duong")
    marks = browser_page.locator("#ocop-results li > p mark").all_inner_texts()
    assert any("đường" in mark.lower() for mark in marks), marks


# Labels and headings of the interface (found as labels: at the end, or before ".", ":" or "("), which
# made excerpts such as "Nấm bào ngư tươi.. Nơi mua. Hợp tác xã … · Hợp tác xã Địa chỉ: Xã Long Phụng,
# tỉnh Quảng Ngãi Bản" ("Bản đồ", the map link, cut in two).
INTERFACE_KEYS = ("where_to_buy", "where_to_buy_tourism", "address", "phone", "hours", "map", "map_link", "all_on_map",
                  "gallery", "related", "for_producers")
INTERFACE_WORDS = {root: [t(key, language) for key in INTERFACE_KEYS] for root, language in (("", "vi"), ("en/", "en"))}


@pytest.mark.parametrize(("language_root", "query"), [
    ("", "thảo dược"), ("", "Trà Bồng"), ("", "toi ly son"), ("", "Xã"), ("", "nấm"), ("", "Hợp tác xã"),
    ("", "Quảng Ngãi"), ("en/", "commune"), ("en/", "cooperative"), ("en/", "Quảng Ngãi")])
def test_snippets_are_clean_sentences(page, language_root, query):
    browser_page, _ = page
    results(page, language_root, query)
    excerpts = browser_page.locator("#ocop-results li > p").all_inner_texts()
    assert excerpts, query
    for excerpt in excerpts:
        run_together = [a + b for a, b in itertools.pairwise(excerpt) if a.islower() and b.isupper()]
        assert not run_together, (query, excerpt)  # "NhómThảo dược"
        assert "tinh dau que" not in excerpt.lower(), (query, excerpt)  # no hidden folded keyword line
        assert ".." not in excerpt.replace("...", "…"), (query, excerpt)  # "tươi.." ("…" may end a text)
        assert excerpt.count("·") <= 1, (query, excerpt)  # list items run together: "… · Hợp tác xã … · …"
        labels = [word for word in INTERFACE_WORDS[language_root]
                  if re.search(rf"(^|[\s.]){re.escape(word)}(?=$|\s*[.:(])", excerpt)]
        assert not labels, (query, excerpt, labels)  # a shop's address, phone, map link: "…, tỉnh Quảng Ngãi Bản"


def test_result_count_is_singular_for_one(page):
    browser_page, _ = page
    assert results(page, "", "duc nhuan") and browser_page.inner_text("#ocop-results-status") == "1 sản phẩm"
    results(page, "en/", "mushroom")
    assert browser_page.inner_text("#ocop-results-status") in ("1 product", "2 products", "3 products")
