"""Hostile stories: every case of tests/fixtures/hostile_stories.yaml is validated with its exact
messages; the accepted ones are built into a real site, kiosk, press kit and PDFs, and every output is
scanned for elements, attributes and URLs outside the story allow-list; the product pages are opened
in Chromium, where no script may run and no dialog open."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pikepdf
import pytest
import yaml
from bs4 import BeautifulSoup, Tag
from conftest import TODAY
from content_factory import STORY, write_content, write_product
from external_tools import launch_chromium, need_chromium
from pdf_tools import run
from site_server import serve

from ocop_site.content.story_markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, URL_SCHEMES, render_markdown
from ocop_site.model.catalog import Catalog
from ocop_site.model.loader import load_catalog
from ocop_site.pipeline.builder import build
from ocop_site.problems import ContentErrors

CASES = yaml.safe_load((Path(__file__).parent / "fixtures" / "hostile_stories.yaml").read_text(encoding="utf-8"))
FIRST_LINE = 13  # where a case starts in the story (see the corpus file)
TEMPLATE = {
    "vi": "Đường phổi là món quà quê.\n\n## Nguồn gốc\n\nMía được trồng trên đất bãi ven sông.\n\n"
          "## Quy trình sản xuất\n\nNgười thợ đun nước mía trong chảo gang.\n\n## Dấu ấn văn hóa\n\n",
    "en": "Lung sugar is a homely gift.\n\n## Origin\n\nSugar cane grows on the river flats.\n\n"
          "## Production process\n\nThe cook boils the cane juice in a cast-iron pan.\n\n## Cultural imprint\n\n",
}
ACCEPTED = [case for case in CASES if not case.get("errors")]
HOSTILE = "product-001"
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "data", "poster", "xlink:href", "background")
BAD_SCHEMES = ("javascript", "vbscript", "data", "file")


def story(language: str, markdown: str) -> str:
    assert TEMPLATE[language].count("\n") == FIRST_LINE - 1
    return TEMPLATE[language] + markdown


def hostile_story(language: str) -> str:
    """Every accepted case at once, in the lead and in two sections (as many sections as STORY has)."""
    cases = "\n\n".join(case["markdown"] for case in ACCEPTED)
    community = {"vi": "Lợi ích cộng đồng", "en": "Community benefit"}[language]
    return cases + "\n\n" + story(language, cases) + f"\n\n## {community}\n\n" + cases


# -- validate: every case, its exact messages --------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_validate_reports_each_hostile_construct_with_its_line_and_a_fix(case: dict, content: Path, cli) -> None:
    (content / "stories" / "product-000.vi.md").write_text(story("vi", case["markdown"]), encoding="utf-8")
    code, _out, err = cli("validate", "--content", "content")
    shown = "content/stories/product-000.vi.md:"
    expected = {shown + line for line in case.get("errors", [])} | \
               {"warning: " + shown + line for line in case.get("warnings", [])}
    lines = err.splitlines()
    headers = [line for line in lines if line.startswith(("content/", "warning: "))]
    assert sorted(headers) == sorted(expected)
    for header in headers:  # each problem says how to fix it
        assert lines[lines.index(header) + 1].startswith("  Fix: "), header
    assert code == (1 if case.get("errors") else 0)


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_every_rendering_of_every_case_stays_inside_the_allow_list(case: dict) -> None:
    """Even the refused cases: what the build would never publish is still rendered safely."""
    passage = render_markdown(case["markdown"])
    for html in (passage.html, passage.print_html, passage.kiosk_html):
        assert outside_allow_list(BeautifulSoup(html, "html.parser")) == []


def test_a_byte_order_mark_before_the_first_heading_is_no_missing_section(content: Path, cli) -> None:
    (content / "stories" / "product-000.en.md").write_text("\ufeff" + STORY["en"].split("\n\n", 1)[1],
                                                           encoding="utf-8")
    assert cli("validate", "--content", "content")[0] == 0


def test_a_story_too_long_to_parse_safely_is_one_error(content: Path, cli) -> None:
    (content / "stories" / "product-000.vi.md").write_text(story("vi", "[a](b" * 10_001), encoding="utf-8")
    code, _out, err = cli("validate", "--content", "content")
    assert code == 1
    assert err == ("content/stories/product-000.vi.md:1: the story is 50,169 characters long; a story has at most "
                   "50,000\n  Fix: shorten it: the brochure prints about 1,000 words, the page is read on a phone\n"
                   "1 error\n")


def test_a_story_refused_by_validate_is_refused_by_build(content: Path, cli) -> None:
    refused = "\n\n".join(case["markdown"] for case in CASES if case.get("errors") and "```" not in case["markdown"]
                          and "~~~" not in case["markdown"])
    (content / "stories" / "product-000.en.md").write_text(story("en", refused), encoding="utf-8")
    code, _out, err = cli("build", "--content", "content", "--out", "out")
    assert code == 1
    assert "content/stories/product-000.en.md:15: link to 'javascript:alert('đ')' is not allowed in a story" \
        in err
    assert not Path("out/site").exists()


# -- build: every output scanned ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    content = write_content(root / "content", count=1)
    write_product(content, HOSTILE, 1, stories={language: hostile_story(language) for language in ("vi", "en")})
    try:
        return build(content, root / "out", today=dt.date.fromisoformat(TODAY)).site
    except ContentErrors as errors:  # the accepted cases must build
        pytest.fail(errors.render())


@pytest.fixture(scope="module")
def catalog(site: Path) -> Catalog:
    return load_catalog(site.parent.parent / "content", today=dt.date.fromisoformat(TODAY))


def outside_allow_list(root: Tag, tags: frozenset[str] = ALLOWED_TAGS) -> list[str]:
    """Every element, attribute or URL under `root` that a story may not produce."""
    found = []
    for element in root.find_all(True):
        if element.name not in tags:
            found.append(f"<{element.name}>")
        allowed = ALLOWED_ATTRIBUTES.get(element.name, set()) | ({"rel"} if element.name == "a" else set())
        found += [f"<{element.name} {name}>" for name in element.attrs if name not in allowed]
        href = element.get("href")
        if href is not None and urlsplit(str(href)).scheme not in URL_SCHEMES:
            found.append(f"<{element.name} href={href!r}>")
    return found


def dangerous_anywhere(soup: BeautifulSoup) -> list[str]:
    """Script vectors anywhere in a page: event handler attributes and script-capable URL schemes."""
    found = []
    for element in soup.find_all(True):
        if element.name == "link" and element.get("href") == "data:,":
            continue  # the kiosk's empty favicon: no request for /favicon.ico
        for name, value in element.attrs.items():
            if name.lower().startswith("on"):
                found.append(f"<{element.name} {name}>")
            if name.lower() in URL_ATTRIBUTES and re.match(rf"\s*({'|'.join(BAD_SCHEMES)}):", str(value), re.I):
                found.append(f"<{element.name} {name}={value!r}>")
    return found


def html_files(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def test_no_page_of_the_site_has_a_script_vector(site: Path) -> None:
    for page in html_files(site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assert dangerous_anywhere(soup) == [], page.relative_to(site)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_product_page_shows_the_story_as_allowed_elements_only(site: Path, catalog: Catalog,
                                                                   language: str) -> None:
    prefix = "en/" if language == "en" else ""
    page = BeautifulSoup((site / prefix / f"products/{HOSTILE}/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    parts = page.select("article .ocop-lead, article .ocop-story")
    assert len(parts) == 5  # the lead and four sections
    passages = catalog.products[HOSTILE].stories[language].passages
    for part, key in zip(parts, ["lead", "origin", "process", "culture", "community"], strict=True):
        assert outside_allow_list(part) == []
        # MkDocs passed each passage through as the story reader made it, not one character read as Markdown
        assert part.decode_contents() == BeautifulSoup(passages[key].html, "html.parser").decode()
    text = page.select_one("article").get_text()
    assert '<svg onload=alert(1)>' in text and '<script>alert("Đ")</script>' in text  # shown as text
    # Apart from the story, the hostile page has exactly the elements of a plain one.
    plain = BeautifulSoup((site / prefix / "products/product-000/index.html").read_text(encoding="utf-8"),
                          "html.parser")
    assert element_counts(page) == element_counts(plain)


def element_counts(page: BeautifulSoup) -> Counter:
    for part in page.select("article .ocop-lead, article .ocop-story"):
        part.clear()
    return Counter(element.name for element in page.find_all(True))


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_kiosk_shows_the_story_as_allowed_elements_only(site: Path, language: str) -> None:
    prefix = "en/" if language == "en" else ""
    kiosk = BeautifulSoup((site / prefix / "kiosk/index.html").read_text(encoding="utf-8"), "html.parser")
    story_box = kiosk.select_one(f".kiosk-view[data-view='products/{HOSTILE}'] .kiosk-story")
    headings = story_box.find_all("h2", recursive=False)
    assert len(headings) == 4
    for heading in headings:
        heading.decompose()  # the kiosk's own
    lead = story_box.select_one(".kiosk-lead")
    lead.unwrap()
    assert outside_allow_list(story_box, ALLOWED_TAGS - {"a", "h3"}) == []  # no links at the kiosk


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_press_page_shows_plain_paragraphs(site: Path, language: str) -> None:
    prefix = "en/" if language == "en" else ""
    page = BeautifulSoup((site / prefix / f"press/{HOSTILE}/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    texts = page.select(".ocop-press-text")
    assert len(texts) == 2
    for text in texts:
        assert {element.name for element in text.find_all(True)} <= {"p", "small"}
        assert all(not element.attrs or element.attrs == {"class": ["ocop-press-count"]}
                   for element in text.find_all(True))


def test_the_pdfs_link_only_to_web_mail_and_phone_and_run_nothing(site: Path) -> None:
    pdfs = sorted((site / "print").rglob("*.pdf"))
    assert any(HOSTILE in pdf.name for pdf in pdfs)
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root
            assert "/JavaScript" not in pdf.Root.get("/Names", {})
            for page in pdf.pages:
                for annotation in page.get("/Annots", []):
                    action = annotation.get("/A")
                    if action is None:
                        continue
                    assert action.get("/S") in ("/URI", "/GoTo"), (path.name, action.get("/S"))
                    if action.get("/S") == "/URI":
                        uri = str(action.get("/URI"))
                        assert urlsplit(uri).scheme in URL_SCHEMES, (path.name, uri)
    brochure = run("pdftotext", site / "print" / HOSTILE / f"{HOSTILE}-brochure-a4-vi.pdf", "-")
    # The raw HTML is printed as the text it is. The brochure prints the opening paragraph of the story
    # (the leaflet design prints excerpts, not the whole story): the first case, an <img> in backticks.
    assert "Xem `<img src=x onerror=" in brochure


@pytest.mark.browser
def test_no_script_runs_and_no_dialog_opens_in_chromium(site: Path) -> None:
    need_chromium()
    from playwright.sync_api import sync_playwright

    pages = [f"/products/{HOSTILE}/", f"/en/products/{HOSTILE}/", f"/press/{HOSTILE}/",
             f"/kiosk/#/products/{HOSTILE}", f"/en/kiosk/#/products/{HOSTILE}"]
    events: list[str] = []
    with serve(site) as origin, sync_playwright() as playwright:
        browser = launch_chromium(playwright, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            page.on("pageerror", lambda error: events.append(f"page error: {error.message}"))
            page.on("dialog", lambda dialog: (events.append(f"dialog: {dialog.message}"), dialog.dismiss()))
            for path in pages:
                page.goto(origin + path, wait_until="networkidle")
                page.mouse.wheel(0, 20000)  # bring every lazy part into view
                for box in page.locator(".ocop-story, .ocop-lead, .kiosk-story").all():
                    if box.is_visible():
                        box.hover()
                page.wait_for_timeout(300)
        finally:
            browser.close()
    assert events == []
