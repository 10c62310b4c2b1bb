"""The built site in real headless Chromium: pages load cleanly, say who they are, switch language
in place, and render their text in the self-hosted Be Vietnam Pro.

The site is built once from tests/content_factory.py (three products, product-000 … product-002)
and served from 127.0.0.1 only; every request the browser makes is recorded, so a page that
reaches for a third-party host, a missing file or a script error fails with the URL that did it.
"""

from __future__ import annotations

import functools
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from content_factory import write_content
from external_tools import launch_chromium
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response, Route, sync_playwright

from ocop_site.cli import main

PRODUCT = "product-001"
NAMES = {"vi": "Đường phổi Đức Phổ số 1", "en": "Đức Phổ lung sugar no. 1"}
PRODUCT_PATHS = {"vi": f"/products/{PRODUCT}/", "en": f"/en/products/{PRODUCT}/"}
PAGES = [("vi", "/"), ("vi", PRODUCT_PATHS["vi"]), ("en", "/en/"), ("en", PRODUCT_PATHS["en"])]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 800}
FONT = "Be Vietnam Pro"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep pytest output readable
        pass


@dataclass
class Visit:
    """One browser context on the test server, and everything that went wrong in it."""

    origin: str
    page: Page
    requests: list[str] = field(default_factory=list)
    font_files: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    bad_responses: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.origin + path, wait_until="networkidle")

    def foreign_requests(self) -> list[str]:
        """Requests to anything but the test server: data: and blob: URLs never leave the page."""
        return [url for url in self.requests
                if urlsplit(url).scheme not in ("data", "blob") and not url.startswith(self.origin + "/")]

    def assert_clean(self) -> None:
        problems = {
            "console errors": self.console_errors,
            "uncaught page errors": self.page_errors,
            "failed requests": self.failed_requests,
            "responses with status >= 400": self.bad_responses,
            f"requests to hosts other than {self.origin}": self.foreign_requests(),
        }
        report = "\n".join(f"{kind}:\n  " + "\n  ".join(items) for kind, items in problems.items() if items)
        assert not report, f"while visiting {self.page.url}\n{report}"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("browser")
    content = write_content(root / "content", 3)
    assert main(["build", "--content", str(content), "--out", str(root / "out"), "--today", "2026-11-22"]) == 0
    return root / "out" / "site"


@pytest.fixture(scope="module")
def origin(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def _watch(context: BrowserContext, origin: str) -> Visit:
    page = context.new_page()
    visit = Visit(origin=origin, page=page)
    # Network events on the context also cover workers (Material's search runs in one).
    context.on("request", lambda request: visit.requests.append(request.url))
    context.on("requestfailed", lambda request: visit.failed_requests.append(f"{request.url}: {request.failure}"))

    def on_response(response: Response) -> None:
        if response.status >= 400:
            visit.bad_responses.append(f"{response.status} {response.url}")
        if response.ok and urlsplit(response.url).path.endswith((".woff2", ".woff", ".ttf", ".otf")):
            visit.font_files.append(response.url)

    context.on("response", on_response)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            where = f"{message.location.get('url')}:{message.location.get('lineNumber')}"
            visit.console_errors.append(f"{message.text} (at {where})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: visit.page_errors.append(f"{error.name}: {error.message}"))
    return visit


@pytest.fixture
def visit(browser: Browser, origin: str, request: pytest.FixtureRequest) -> Iterator[Visit]:
    """A fresh desktop context of a browser set to Vietnamese; parametrize indirectly with "phone" for a
    touch phone's screen, or with "en" for a browser set to English (the home pages choose the
    language of a visitor who arrives there, issue 16)."""
    param = getattr(request, "param", "desktop")
    locale = "en-US" if param == "en" else "vi-VN"
    if param == "phone":
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale=locale)
    else:
        context = browser.new_context(viewport=DESKTOP, locale=locale)
    try:
        yield _watch(context, origin)
    finally:
        context.close()


def _h1(page: Page) -> str:
    headings = page.locator("article h1")
    assert headings.count() == 1, f"{page.url} has {headings.count()} h1 elements in its article"
    return unicodedata.normalize("NFC", headings.inner_text().strip())


@pytest.mark.browser
@pytest.mark.parametrize(("visit", "language", "path"), [(language, language, path) for language, path in PAGES],
                         ids=[path for _, path in PAGES], indirect=["visit"])
def test_page_loads_cleanly_from_the_site_alone(visit: Visit, language: str, path: str) -> None:
    visit.goto(path)

    visit.assert_clean()
    assert visit.page.url == visit.origin + path
    assert visit.page.locator("html").get_attribute("lang") == language


@pytest.mark.browser
@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_heading_is_the_product_name(visit: Visit, language: str) -> None:
    visit.goto(PRODUCT_PATHS[language])

    assert visit.page.locator("html").get_attribute("lang") == language
    assert _h1(visit.page) == unicodedata.normalize("NFC", NAMES[language])


@pytest.mark.browser
@pytest.mark.parametrize("visit", ["desktop", "phone"], indirect=True)
def test_language_switch_keeps_the_visitor_on_the_same_product(visit: Visit) -> None:
    visit.goto(PRODUCT_PATHS["vi"])

    for target in ("en", "vi"):
        switch = visit.page.locator("a.ocop-language").filter(visible=True)
        assert switch.count() == 1, f"{visit.page.url}: {switch.count()} visible language switches, want 1"
        before = visit.page.url
        switch.click()
        visit.page.wait_for_url(lambda url, before=before: url != before)
        visit.page.wait_for_load_state("networkidle")

        assert visit.page.url == visit.origin + PRODUCT_PATHS[target], f"the switch on {before} leads elsewhere"
        assert visit.page.locator("html").get_attribute("lang") == target
        assert _h1(visit.page) == NAMES[target]
    visit.assert_clean()


def _fonts_block(route: Route) -> None:
    response = route.fetch()
    kind = response.headers.get("content-type", "")
    if not kind.startswith(("text/html", "text/css")):
        route.fulfill(response=response)
        return
    body = re.sub(r"font-display:\s*optional", "font-display: block", response.text())
    route.fulfill(response=response, body=body)


@pytest.mark.browser
@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_text_is_rendered_in_self_hosted_be_vietnam_pro(visit: Visit, language: str) -> None:
    # The site's font-display: optional lets a font that arrives late (a loaded machine) be skipped
    # for the page's lifetime; served here with font-display: block, the page waits for its fonts, so
    # a fallback font below can only mean a subset that lacks the text's characters.
    visit.page.route(f"{visit.origin}/**", _fonts_block)
    visit.goto(PRODUCT_PATHS[language])
    page = visit.page
    page.evaluate("document.fonts.ready.then(() => undefined)")

    assert page.evaluate(f"document.fonts.check('16px \"{FONT}\"', 'Đặc khu Lý Sơn')"), (
        f"{FONT} is not loaded for Vietnamese text on {page.url}")
    body_font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert body_font.split(",")[0].strip().strip("\"'") == FONT, f"body font-family is {body_font}"
    # What Chromium actually drew the lead paragraph (Vietnamese diacritics included) with:
    # a missing subset would show up here as a system fallback font.
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    lead = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "article .ocop-lead p"})["nodeId"]
    assert lead, f"{page.url} has no lead paragraph (article .ocop-lead p)"
    used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": lead})["fonts"]
    assert {(font["familyName"], font["isCustomFont"]) for font in used} == {(FONT, True)}, (
        f"lead paragraph drawn with {used}")
    assert visit.font_files, f"no font file was downloaded for {page.url}"
    assert all(url.startswith(visit.origin + "/") for url in visit.font_files), visit.font_files
    visit.assert_clean()


@pytest.mark.browser
@pytest.mark.parametrize(("locale", "languages", "landing"), [
    ("vi-VN", None, PRODUCT_PATHS["vi"]),
    ("en-US", None, PRODUCT_PATHS["en"]),
    ("fr-FR", ["fr-FR", "fr", "en-GB"], PRODUCT_PATHS["en"]),
    ("de-DE", ["de-DE", "vi"], PRODUCT_PATHS["en"]),  # English for every language but Vietnamese (issue 16)
    ("ko-KR", ["ko-KR", "ko"], PRODUCT_PATHS["en"]),
])
def test_qr_stub_lands_on_the_product_in_the_browser_language(browser: Browser, origin: str, locale: str,
                                                             languages: list[str] | None, landing: str) -> None:
    context = browser.new_context(locale=locale)
    try:
        if languages:
            context.add_init_script(f"Object.defineProperty(navigator, 'languages', {{get: () => {languages!r}}});")
        visit = _watch(context, origin)
        for stub in ("/P/T-001/", "/p/t-001/", "/P/T-001"):
            visit.goto(stub)
            assert urlsplit(visit.page.url).path == landing, (stub, visit.page.url)
            # the stub's own document load is cut short by its redirect: expected, nothing else is
            visit.failed_requests = [f for f in visit.failed_requests
                                     if not (f.endswith("net::ERR_ABORTED") and "/t-001" in f.lower())]
            assert _h1(visit.page) == NAMES["en" if landing.startswith("/en/") else "vi"]
        visit.assert_clean()
    finally:
        context.close()


@pytest.mark.browser
def test_search_finds_duong_phoi_typed_without_diacritics(visit: Visit) -> None:
    visit.goto("/search/?q=duong%20phoi")
    visit.page.wait_for_selector("#ocop-results-status:not(:empty)")
    first = visit.page.query_selector("#ocop-results li > a")
    assert first is not None and first.inner_text().startswith("Đường phổi Đức Phổ số ")
    assert urlsplit(first.get_attribute("href")).path.startswith("/products/product-")
    visit.assert_clean()
