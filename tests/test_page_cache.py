"""The per-page cache of the generated Markdown (issue 18 item 3): an edited story re-renders its own pages
(and the pages that show its card, when the card changed), reads every other product and press page back, and
never serves a page whose inputs changed. Preview builds: the printables are not under test."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import TODAY, edit
from content_factory import write_content

from ocop_site.model.loader import load_catalog
from ocop_site.pipeline.builder import build

DAY = dt.date.fromisoformat(TODAY)


def _preview(content: Path, out: Path) -> tuple[int, int]:
    """Build; return (pages per language, pages read back) from the terminal line."""
    said: list[str] = []
    build(content, out, today=DAY, progress=said.append, preview=True)
    line = next(line for line in said if line.startswith("Pages generated: "))
    found = re.match(r"Pages generated: (\d+) per language, (\d+) of them read back unchanged \(", line)
    assert found, line
    return int(found[1]), int(found[2])


def test_a_story_edit_renders_its_pages_and_those_showing_its_product_only(tmp_path):
    content = write_content(tmp_path / "content", count=8)
    out = tmp_path / "out"
    pages, reused = _preview(content, out)
    assert reused == 0
    catalog = load_catalog(content, today=DAY)
    listings = len(catalog.by_group()) + len(catalog.by_locality()) + len(catalog.by_stars())
    assert listings == 6 + 5 + 3
    # every product, press and listing page, both languages
    assert _preview(content, out) == (pages, 2 * (8 + 8 + listings))
    edited = catalog.products["product-003"]
    showing = [p.slug for p in catalog.products.values() if edited in catalog.related(p)]
    assert 0 < len(showing) < 7
    edit(content / "stories" / "product-003.vi.md", "## Nguồn gốc\n\n", "## Nguồn gốc\n\nĐặc khu Lý Sơn trồng tỏi. ")
    # its product and press pages only: the product pages and listings showing its card are read back, since
    # its card (name, stars, commune, first photo) did not change (test_a_changed_card_reaches_every_page_showing_it)
    rendered_per_language = 2
    assert _preview(content, out) == (pages, 2 * (16 + listings - rendered_per_language))
    page = (out / "site" / "products" / "product-003" / "index.html").read_text(encoding="utf-8")
    assert "Đặc khu Lý Sơn trồng tỏi." in page


def test_a_changed_card_reaches_every_page_showing_it(tmp_path):
    content = write_content(tmp_path / "content", count=8)
    out = tmp_path / "out"
    _preview(content, out)
    catalog = load_catalog(content, today=DAY)
    shower = next(p for p in catalog.products.values() if catalog.products["product-003"] in catalog.related(p))
    edit(content / "products" / "product-003.yaml", "Đường phổi Đức Phổ số 3", "Đường phổi Đồng Tâm đổi tên")
    _preview(content, out)
    soup = BeautifulSoup((out / "site" / "products" / shower.slug / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    cards = [card.get_text(" ", strip=True) for card in soup.select(".ocop-cards a")]
    assert any("Đường phổi Đồng Tâm đổi tên" in card for card in cards), cards
    record = catalog.products["product-003"].record  # and every listing showing it
    for listing in (f"groups/{record.group}", f"stars/{record.stars}"):
        soup = BeautifulSoup((out / "site" / listing / "index.html").read_text(encoding="utf-8"), "html.parser")
        names = [name.get_text(strip=True) for name in soup.select(".ocop-cards .ocop-card__name")]
        assert "Đường phổi Đồng Tâm đổi tên" in names and "Đường phổi Đức Phổ số 3" not in names, listing
    # a shared content file (the site's settings) renders every page again
    edit(content / "site.yaml", "Câu chuyện OCOP", "Câu chuyện OCOP Quảng Ngãi")
    assert _preview(content, out)[1] == 0


def test_a_damaged_work_file_is_rendered_again_not_read_back(tmp_path):
    content = write_content(tmp_path / "content", count=2)
    out = tmp_path / "out"
    _preview(content, out)
    docs = out / ".work" / "mkdocs" / "docs-vi" / "products" / "product-000.md"
    docs.write_text(docs.read_text(encoding="utf-8").replace("Đường phổi", "Hỏng"), encoding="utf-8")
    catalog = load_catalog(content, today=DAY)
    listings = len(catalog.by_group()) + len(catalog.by_locality()) + len(catalog.by_stars())
    assert _preview(content, out)[1] == 2 * (2 + 2 + listings) - 1
    page = (out / "site" / "products" / "product-000" / "index.html").read_text(encoding="utf-8")
    assert "Hỏng" not in page and "Đường phổi Đức Phổ số 0" in page
