"""The catalogue booklet is laid out in parts of PAGES_PER_PART product pages, then joined: the joined
booklet reads as one document (page numbers, bookmarks, fonts), the build's cached parts give the same
bytes as laying it out in one go, and a story edit lays out only the part that shows that story."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pikepdf
import pytest
from conftest import edit
from content_factory import write_product, write_site
from pdf_tools import assert_fonts_embedded, assert_fonts_subset, page_boxes, pdf_text

from ocop_site.model.catalog import Catalog
from ocop_site.model.loader import load_catalog
from ocop_site.targets.cache import OutputCache
from ocop_site.targets.printables.booklet import PAGES_PER_PART, booklet_order, booklet_pdf
from ocop_site.targets.printables.booklet_jobs import BookletJobs
from ocop_site.targets.printables.files import SOURCE, content_digest, record_digest

SITE_URL = "https://ocop.example.vn/"
COUNT = PAGES_PER_PART + 2  # two parts of product pages, the second with two


def load(content: Path) -> Catalog:
    return load_catalog(content, today=dt.date(2026, 11, 22))


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("booklet-parts") / "content"
    write_site(content)
    for index in range(COUNT):
        write_product(content, f"product-{index:03d}", index)
    return content


@pytest.fixture(scope="module")
def booklet(content: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("booklet") / "catalogue-vi.pdf"
    path.write_bytes(booklet_pdf(load(content).listed, "vi", SITE_URL))
    return path


def test_page_numbers_run_on_across_parts(content: Path, booklet: Path) -> None:
    """Cover, welcome page, one contents page, ten product pages from page 4, the index, the map, back cover:
    16 pages, no padding needed."""
    ordered = booklet_order(load(content).listed, "vi")
    assert len(page_boxes(booklet)) == 16
    contents = pdf_text(booklet, 3)
    for page, product in enumerate(ordered, start=4):
        assert f"{page} {product.name('vi')}" in contents
        text = pdf_text(booklet, page)
        assert product.name("vi") in text
        assert text.endswith(f"ocop.example.vn/products/{product.slug}/ {page}")
    assert pdf_text(booklet, 14).startswith("Tra cứu theo địa phương")
    assert pdf_text(booklet, 15).startswith("Sản phẩm đến từ đâu")
    assert "ocop.example.vn/" in pdf_text(booklet, 16)
    assert_fonts_embedded(booklet)
    assert_fonts_subset(booklet)


def test_contents_and_index_link_to_pages_in_other_parts(booklet: Path) -> None:
    with pikepdf.open(booklet) as pdf:
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        for listing in (3, 14):
            annotations = pdf.pages[listing - 1].Annots
            assert all("/A" not in link for link in annotations)  # no URI left for a reader to open
            assert {pages[link.Dest[0].objgen] for link in annotations} == set(range(4, 14))


def test_bookmarks_title_and_language_are_those_of_one_document(content: Path, booklet: Path) -> None:
    ordered = booklet_order(load(content).listed, "vi")
    with pikepdf.open(booklet) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Sản phẩm OCOP Quảng Ngãi — Danh mục sản phẩm và câu chuyện"
        assert str(pdf.Root.Lang) == "vi"
        pages = {page.objgen: number for number, page in enumerate(pdf.pages, start=1)}
        with pdf.open_outline() as outline:
            [title] = outline.root
            marks = [(item.title, pages[item.destination[0].objgen]) for item in title.children]
            sections = [child.title for child in title.children[-3].children]
    assert marks == [("Chào mừng đến Quảng Ngãi", 2), ("Mục lục theo nhóm sản phẩm", 3),
                     *[(product.name("vi"), page) for page, product in enumerate(ordered, start=4)],
                     ("Tra cứu theo địa phương", 14), ("Sản phẩm đến từ đâu", 15)]
    assert sections == ["Nguồn gốc", "Quy trình sản xuất", "Dấu ấn văn hóa"]


def test_a_story_edit_lays_out_one_part_again(content: Path, booklet: Path, tmp_path: Path) -> None:
    cache = OutputCache(tmp_path / "cache")

    def build(catalog: Catalog) -> tuple[BookletJobs, int, Path]:
        products = catalog.listed
        jobs = BookletJobs(cache, products, ("vi",), SITE_URL, False, SOURCE,
                           {p.slug: record_digest(p) for p in products},
                           {(p.slug, "vi"): content_digest(p, "vi") for p in products})
        jobs.lay_out_fronts()
        cache.run(jobs.part_jobs())
        booklets, joined = jobs.join()
        return jobs, joined, cache.path(booklets["vi"].key, "pdf")

    jobs, joined, first = build(load(content))
    assert (jobs.parts_made, jobs.parts, joined) == (4, 4, 1)  # front, two parts of pages, back
    assert first.read_bytes() == booklet.read_bytes()  # the same bytes as laid out in one go

    last = booklet_order(load(content).listed, "vi")[-1]  # on the second part's last page, 13
    edit(content / "stories" / f"{last.slug}.vi.md", "## Nguồn gốc\n\n", "## Nguồn gốc\n\nĐổi mới hôm nay. ")
    edited = load(content)
    jobs, joined, second = build(edited)
    assert (jobs.parts_made, jobs.parts, joined) == (1, 4, 1)
    assert "Đổi mới hôm nay. Mía được trồng" in pdf_text(second, 13)
    assert "Đổi mới" not in pdf_text(first, 13)
    assert second.read_bytes() == booklet_pdf(edited.listed, "vi", SITE_URL)
