"""The tourist's scan (issue 16) in real headless Chromium on the built sample site: the language
a QR code lands in and the choice remembered for the next scan, the story on the first phone
screen, the 480 px hero for a phone, where to buy in the page's language, English that explains,
and the header's search field. (Search results: test_search.py; hosts: test_hosting.py.)"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from external_tools import launch_chromium
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from site_server import serve

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
CODE, SLUG = "LS-TOI", "ly-son-garlic"
NAMES = {"vi": "Tỏi Lý Sơn", "en": "Lý Sơn garlic"}
PAGES = {"vi": f"/products/{SLUG}/", "en": f"/en/products/{SLUG}/"}
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def origin(sample_site: Path) -> Iterator[str]:
    with serve(sample_site, gzip=True) as url:
        yield url


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


def phone(browser: Browser, locale: str) -> BrowserContext:
    return browser.new_context(locale=locale, **PHONE)


def scan(page: Page, url: str) -> None:
    """Open a QR landing stub as a phone does and wait for the product page it sends the phone on to
    (the stub's own script replaces it, possibly after the stub's load event): no half-second of
    network quiet per visit, as `networkidle` waits for."""
    page.goto(url, wait_until="commit")
    page.wait_for_url(lambda address: not urlsplit(address).path.startswith(("/P/", "/p/")), wait_until="load")


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_sample_code_is_the_garlic(sample_site: Path) -> None:
    assert f'"{CODE}": "{SLUG}"' in (sample_site / "qr" / "codes.json").read_text(encoding="utf-8")


# -- language ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("locale", "language"), [("ko-KR", "en"), ("zh-CN", "en"), ("fr-FR", "en"),
                                                  ("ja-JP", "en"), ("en-US", "en"), ("vi-VN", "vi")])
def test_scan_lands_in_vietnamese_for_vi_and_english_for_every_other_language(browser: Browser, origin: str,
                                                                               locale: str, language: str) -> None:
    context = phone(browser, locale)
    try:
        page = context.new_page()
        assert page.evaluate("navigator.languages[0]") == locale
        for stub in (f"/P/{CODE}", f"/P/{CODE}/", f"/p/{CODE.lower()}/"):
            scan(page, origin + stub)
            assert urlsplit(page.url).path == PAGES[language], (locale, stub)
            assert page.locator("article h1").inner_text().strip() == NAMES[language]
            # the language is shown, and the other one is a tap away, on the first screen
            current = page.locator(".ocop-language-current")
            switch = page.locator("a.ocop-language").filter(visible=True)
            assert current.inner_text() == language.upper()
            assert switch.count() == 1 and switch.bounding_box()["y"] < 844
    finally:
        context.close()


@pytest.mark.parametrize(("locale", "first", "chosen"), [("ko-KR", "en", "vi"), ("zh-CN", "en", "vi"),
                                                         ("vi-VN", "vi", "en")])
def test_the_language_chosen_survives_the_next_scan(browser: Browser, origin: str, locale: str, first: str,
                                                    chosen: str) -> None:
    context = phone(browser, locale)
    try:
        page = context.new_page()
        scan(page, f"{origin}/P/{CODE}")
        assert urlsplit(page.url).path == PAGES[first]
        page.locator("a.ocop-language").filter(visible=True).click()
        page.wait_for_url(f"{origin}{PAGES[chosen]}")
        # the next scan, days later, in a new tab of the same phone
        second = context.new_page()
        scan(second, f"{origin}/p/{CODE.lower()}/")
        assert urlsplit(second.url).path == PAGES[chosen]
        assert context.cookies()[0]["name"] == "nf_lang" and context.cookies()[0]["value"] == chosen
        # the home page follows the same choice when a visitor arrives there
        second.goto(f"{origin}/{'en/' if first == 'en' else ''}", wait_until="networkidle")
        assert urlsplit(second.url).path == ("/en/" if chosen == "en" else "/")
    finally:
        context.close()


@pytest.mark.parametrize(("locale", "start", "landing"), [("ko-KR", "/", "/en/"), ("fr-FR", "/", "/en/"),
                                                          ("vi-VN", "/", "/"), ("vi-VN", "/en/", "/"),
                                                          ("en-US", "/en/", "/en/")])
def test_home_page_chooses_the_language_on_arrival(browser: Browser, origin: str, locale: str, start: str,
                                                   landing: str) -> None:
    context = phone(browser, locale)
    try:
        page = context.new_page()
        page.goto(origin + start, wait_until="networkidle")
        assert urlsplit(page.url).path == landing
        # links inside the site never move a reader to the other language
        page.goto(origin + PAGES["vi"] if landing == "/en/" else origin + PAGES["en"])
        with page.expect_navigation(wait_until="networkidle"):
            page.locator(".md-header a.md-logo").evaluate("link => link.click()")  # the logo: hidden on a phone
        assert urlsplit(page.url).path == ("/" if landing == "/en/" else "/en/")
    finally:
        context.close()


# -- the product page on a phone -----------------------------------------------------------------------

FIRST_SENTENCE_BOTTOM = """() => {
  const lead = document.querySelector("article .ocop-lead p");
  const walker = document.createTreeWalker(lead, NodeFilter.SHOW_TEXT);
  let node, last = null, offset = 0;
  while ((node = walker.nextNode())) {
    const end = node.data.search(/[.!?](\\s|$)/);
    last = node;
    if (end >= 0) { offset = end + 1; break; }
    offset = node.data.length;
  }
  const range = document.createRange();
  range.setStart(lead, 0);
  range.setEnd(last, offset);
  return {bottom: range.getBoundingClientRect().bottom + window.scrollY, text: range.toString()};
}"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_first_story_sentence_is_on_the_first_phone_screen(browser: Browser, origin: str, sample_site: Path,
                                                           language: str) -> None:
    slugs = sorted(p.parent.name for p in (sample_site / "products").glob("*/index.html"))
    assert len(slugs) == 13
    context = phone(browser, "vi-VN" if language == "vi" else "en-US")
    try:
        page = context.new_page()
        for slug in slugs:
            page.goto(f"{origin}/{'en/' if language == 'en' else ''}products/{slug}/", wait_until="load")
            page.evaluate("document.fonts.ready.then(() => undefined)")
            sentence = page.evaluate(FIRST_SENTENCE_BOTTOM)
            assert len(sentence["text"]) > 20, (slug, sentence)
            assert sentence["bottom"] <= 844, f"{slug} ({language}): the first sentence ends at {sentence}"
            hero = page.evaluate("document.querySelector('.ocop-hero img').currentSrc")
            assert hero.endswith(f"/media/{slug}/hero-480.webp"), (slug, hero)
    finally:
        context.close()


# Every layout shift of the page, with the elements that moved (buffered: those before the script ran too).
RECORD_SHIFTS = """
window.ocopShifts = [];
new PerformanceObserver(list => list.getEntries().forEach(entry => window.ocopShifts.push({
  value: entry.value, moved: entry.sources.map(({node}) => node && node.nodeType === 1
    ? node.tagName.toLowerCase() + (node.className ? '.' + node.className : '') : String(node))
}))).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_does_not_move_when_its_photo_arrives_late(browser: Browser, origin: str, sample_site: Path,
                                                                language: str) -> None:
    """CLS 0 (issue 16): the photos are held back until the page has painted, as on a slow phone
    network. Material's figure took the caption's width until the photo came, then widened and
    pushed the story down (CLS 0.03-0.05 in Lighthouse, now and then)."""
    slugs = sorted(p.parent.name for p in (sample_site / "products").glob("*/index.html"))
    context = phone(browser, "vi-VN" if language == "vi" else "en-US")
    held: list = []  # the photos' requests until the page has painted; then every one goes through

    def hold(route) -> None:
        if held and held[0] is None:
            route.continue_()
        else:
            held.append(route)

    try:
        context.add_init_script(RECORD_SHIFTS)
        context.route("**/media/**", hold)
        page = context.new_page()
        for slug in slugs:
            held.clear()
            page.goto(f"{origin}/{'en/' if language == 'en' else ''}products/{slug}/", wait_until="commit")
            page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
            page.wait_for_function("document.querySelector('.ocop-hero img') !== null")
            assert any("/hero-480." in route.request.url for route in held), (slug, [r.request.url for r in held])
            waiting, held[:] = held[:], [None]
            for route in waiting:
                route.continue_()
            page.wait_for_function("(img => img.complete && img.naturalWidth > 0)"
                                   "(document.querySelector('.ocop-hero img'))")
            page.wait_for_timeout(200)  # the frame after the photo's decoding, where a shift would be reported
            shifts = page.evaluate("window.ocopShifts")
            assert shifts == [], f"{slug} ({language}): the page moved when its photo arrived: {shifts}"
    finally:
        context.close()


def test_desktop_gets_a_larger_hero(browser: Browser, origin: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="vi-VN")
    try:
        page = context.new_page()
        page.goto(origin + PAGES["vi"])  # `load`: after the hero photo
        hero = page.evaluate("document.querySelector('.ocop-hero img').currentSrc")
        assert re.search(r"hero-(960|1440)\.webp$", hero), hero
    finally:
        context.close()


@pytest.mark.parametrize(("language", "explanation", "anchor"), [
    ("vi", "OCOP 5 sao: sản phẩm cấp quốc gia", "about/#hang-sao"),
    ("en", "5-star OCOP: a national-level product", "en/about/#stars")])
def test_stars_are_explained_under_the_name_and_link_to_the_explainer(sample_site: Path, language: str,
                                                                      explanation: str, anchor: str) -> None:
    page = soup(sample_site, PAGES[language])
    article = page.select_one("article")
    order = [tag.get("class", [tag.name])[0] if tag.name in ("p", "div") else tag.name for tag in article.find_all(
        ["h1", "p", "figure", "div", "h2"], recursive=False)]
    assert order[:5] == ["h1", "ocop-othername", "ocop-rating", "figure", "ocop-lead"], order
    rating = article.select_one(".ocop-rating a")
    assert rating.get_text(" ", strip=True) == f"★★★★★ {explanation}"
    target = urlsplit(rating["href"])
    assert posixpath.normpath(posixpath.join(PAGES[language], target.path)) == "/" + anchor.split("#")[0].rstrip("/")
    about = soup(sample_site, anchor.split("#")[0])
    assert about.select_one(f"#{anchor.split('#')[1]}") is not None
    assert target.fragment == anchor.split("#")[1]
    # facts, where to buy, the map, sharing and the producers' downloads come after the story
    headings = [h.get("id") for h in article.select("h2")]
    wanted = (["thong-tin", "noi-mua", "noi-san-xuat"] if language == "vi"
              else ["details", "where-to-buy", "where-it-comes-from"])
    first = headings.index(wanted[0])
    # the story's four sections first (and its videos, part of the story), then the facts
    assert headings[first:first + 3] == wanted and set(headings[4:first]) <= {"video"}, headings
    assert headings[-1] == ("danh-cho-chu-the" if language == "vi" else "for-producers")
    share = article.select_one(".ocop-share")
    assert share.find_previous("h2")["id"] == wanted[2]


def test_photo_credit_is_in_the_page_language(sample_site: Path) -> None:
    for language, credit in (("vi", "Ảnh: tranh minh họa của OCOP Stories (vẽ bằng Pillow)"),
                             ("en", "Photo: illustration by OCOP Stories (drawn with Pillow)")):
        page = soup(sample_site, PAGES[language])
        assert page.select_one(".ocop-hero figcaption").get_text(strip=True) == credit


# -- where to buy -------------------------------------------------------------------------------------

def test_where_to_buy_gives_name_address_hours_dialable_phone_and_map(sample_site: Path) -> None:
    shops = soup(sample_site, PAGES["en"]).select(".ocop-shops > li")
    showroom = next(li for li in shops if "ocop-shop--showroom" in li["class"])
    text = showroom.get_text(" ", strip=True)
    assert text.startswith("Quảng Ngãi provincial OCOP showroom · OCOP showroom")
    assert "Điểm giới thiệu và bán sản phẩm OCOP tỉnh Quảng Ngãi" in text  # the sign says this
    assert "Address: Phường Cẩm Thành, tỉnh Quảng Ngãi" in text
    assert "Opening hours: Monday to Saturday, 7:30–11:30 am and 1:30–5 pm" in text
    phone_link = showroom.select_one('a[href^="tel:"]')
    assert (phone_link["href"], phone_link.get_text()) == ("tel:+842553822111", "+84 255 3822 111")
    map_link = showroom.select_one('a[href^="https://www.openstreetmap.org/"]')
    assert map_link["href"] == "https://www.openstreetmap.org/?mlat=15.12060&mlon=108.79900#map=17/15.12060/108.79900"
    assert "(illustrative data)" in text
    online = next(li for li in shops if "ocop-shop--online" in li["class"])
    assert online.select_one("strong a").get_text() == "Postmart (Vietnam Post's online marketplace)"
    vietnamese = soup(sample_site, PAGES["vi"]).select(".ocop-shops > li.ocop-shop--showroom")[0]
    assert vietnamese.get_text(" ", strip=True).startswith("Điểm giới thiệu và bán sản phẩm OCOP tỉnh Quảng Ngãi · "
                                                           "Điểm giới thiệu")
    assert "Giờ mở cửa: 7:30–11:30 và 13:30–17:00, thứ Hai đến thứ Bảy" in vietnamese.get_text(" ", strip=True)


def test_no_phone_number_on_the_site_lacks_the_country_code(sample_site: Path) -> None:
    for page in (sample_site / "products").glob("*/index.html"):
        for path in (page, sample_site / "en" / page.relative_to(sample_site)):
            for link in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select('a[href^="tel:"]'):
                assert link["href"].startswith("tel:+84") and link.get_text().startswith("+84 "), (path, link)


# -- English that explains ----------------------------------------------------------------------------

def test_place_types_are_glossed_in_english(sample_site: Path) -> None:
    facts = soup(sample_site, PAGES["en"]).select_one("article .ocop-facts").get_text(" ", strip=True)
    assert "Đặc khu Lý Sơn (Lý Sơn special zone) (formerly Lý Sơn district)" in facts
    assert "Phường Sa Huỳnh (Sa Huỳnh ward)" in soup(sample_site, "/en/products/sa-huynh-salt/").get_text(" ")
    assert "(Lý Sơn special zone)" not in soup(sample_site, PAGES["vi"]).get_text(" ")


def test_cards_gloss_the_place_type_in_english(sample_site: Path) -> None:
    """The home and group pages' cards say where a product is made as the product page does."""
    def places(path: str) -> dict[str, str]:
        return {card["href"].rstrip("/").rsplit("/", 1)[-1]: card.select_one(".ocop-card__place").get_text()
                for card in soup(sample_site, path).select("article .ocop-card")}

    home, food = places("/en/"), places("/en/groups/food/")
    assert (home[SLUG], food[SLUG]) == ("Đặc khu Lý Sơn (Lý Sơn special zone)",) * 2
    assert home["sa-huynh-salt"] == "Phường Sa Huỳnh (Sa Huỳnh ward)"
    assert food["duc-nhuan-mushroom"] == "Xã Long Phụng (Long Phụng commune)"
    for place in [*home.values(), *food.values()]:
        assert re.fullmatch(r"(Xã|Phường|Đặc khu) (.+) \(\2 (commune|ward|special zone)\)", place), place
    assert places("/")[SLUG] == places("/groups/food/")[SLUG] == "Đặc khu Lý Sơn"  # no gloss in Vietnamese


def test_counts_are_singular_for_one(sample_site: Path) -> None:
    single = [page for page in (sample_site / "en" / "groups").glob("*/index.html")
              if len(BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select("article .ocop-card")) == 1]
    assert single, "no English group page with one product in the sample"
    for page in single:
        assert "1 product ·" in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert not [p for p in (sample_site / "en").rglob("*.html") if re.search(r"\b1 products\b", p.read_text("utf-8"))]


def test_tourism_products_have_their_own_wording(sample_site: Path) -> None:
    page = soup(sample_site, "/en/products/go-co-village/")
    text = page.select_one("article").get_text(" ", strip=True)
    assert "is made in" not in text and "printed on the packaging" not in text
    assert "Gò Cỏ village community tourism is in Phường Sa Huỳnh, Quảng Ngãi province." in text
    assert [h.get_text(strip=True) for h in page.select("article h2") if h.get("id") in (
        "where-to-buy", "where-it-comes-from")] == ["How to book a visit", "Where it is"]
    vi = soup(sample_site, "/products/go-co-village/").select_one("article").get_text(" ", strip=True)
    assert "được làm tại" not in vi and "in trên bao bì" not in vi


# -- one copy of the shared assets; a search field in every header --------------------------------------

def test_one_copy_of_the_shared_assets_serves_both_languages(sample_site: Path) -> None:
    assert not [p for p in (sample_site / "en").glob("assets/**/*") if p.is_file()]
    for path in ("/en/", PAGES["en"], "/en/search/"):
        page = soup(sample_site, path)
        references = [t.get("href") or t.get("src") for t in page.select("link[rel=stylesheet], script[src]")]
        depth = path.count("/") - 1
        assert references and all(r.startswith("../" * depth + "assets/") for r in references), (path, references)
    english_404 = (sample_site / "en" / "404.html").read_text(encoding="utf-8")
    assert "/en/assets/" not in english_404 and 'href="/assets/stylesheets/' in english_404


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_every_page_has_a_search_in_its_header(browser: Browser, origin: str, screen: str) -> None:
    context = phone(browser, "en-US") if screen == "phone" else browser.new_context(
        viewport={"width": 1280, "height": 800}, locale="en-US")
    try:
        page = context.new_page()
        page.goto(origin + PAGES["en"])
        field = page.locator(".md-header .ocop-header-search input")
        icon = page.locator(".md-header a.ocop-search-icon")
        if screen == "phone":
            assert not field.is_visible() and icon.is_visible()
            icon.click()
            page.wait_for_url(f"{origin}/en/search/")
            query = page.locator("#ocop-query")
            assert query.evaluate("element => element === document.activeElement")
        else:
            assert field.is_visible() and not icon.is_visible()
            border = field.evaluate("e => parseFloat(getComputedStyle(e).borderTopWidth)")
            assert border >= 1
            field.fill("garlic")
            field.press("Enter")
            page.wait_for_selector("#ocop-results-status:not(:empty)")
            assert urlsplit(page.locator("#ocop-results li > a").first.get_attribute("href")).path == PAGES["en"]
    finally:
        context.close()


def test_shared_assets_work_for_a_site_under_a_sub_path() -> None:
    from types import SimpleNamespace

    from ocop_site.targets.site.hooks import _shared_assets

    english = SimpleNamespace(site_url="https://tinh.gov.vn/ocop/en/", extra={"shared_assets": "../"})
    html = ('<link href="/ocop/en/assets/stylesheets/main.css"><script src="../../assets/ocop.js"></script>'
            '<a href="../../kiosk/assets/x">')
    assert _shared_assets(html, english) == (
        '<link href="/ocop/assets/stylesheets/main.css"><script src="../../../assets/ocop.js"></script>'
        '<a href="../../kiosk/assets/x">')
    vietnamese = SimpleNamespace(site_url="https://tinh.gov.vn/ocop/", extra={"shared_assets": ""})
    assert _shared_assets(html, vietnamese) == html


# -- the home and product pages load only the CSS they use ------------------------------------------------

LANDING = ["/", "/en/", PAGES["vi"], PAGES["en"]]
# every element's computed style, pseudo-elements included; custom properties are left out (the
# subset drops the ones nothing reads). `full`: each element's values as one JSON string (about 17 MB,
# which Playwright's value-by-value transfer took 25 s to pass on and the string 2 s); else a hash and
# length of them (FNV-1a, 44 KB in all), the values sent only when two pages' hashes differ
# Every standard property (479; not the custom ones) of every element and of its three pseudo-elements. Each
# style is read by one list of names, taken once from the root's (a computed style lists every standard property,
# for any element): going through each style's own 515 names was two thirds of the test's time (2.3 → 0.75 s a
# product page, the same output).
COMPUTED = """(full) => {
  const names = [...getComputedStyle(document.documentElement)].filter(name => !name.startsWith('--'));
  return JSON.stringify([...document.querySelectorAll('html, body, body *')].flatMap(element =>
    [null, '::before', '::after', '::marker'].map(pseudo => {
      const style = getComputedStyle(element, pseudo), values = {};
      for (const name of names) values[name] = style.getPropertyValue(name);
      const label = element.tagName + '.' + element.className + (pseudo || '');
      if (full) return [label, values];
      const text = JSON.stringify(values);
      let hash = 2166136261;
      for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619);
      return [label, `${(hash >>> 0).toString(16)} ${text.length}`];
    })));
}"""


@pytest.mark.parametrize("path", LANDING)
def test_landing_pages_load_no_stylesheet_and_no_theme_script(sample_site: Path, path: str) -> None:
    page = soup(sample_site, path)
    assert page.select('link[rel=stylesheet][href*="assets/stylesheets/main."], link[rel=stylesheet][href*="ocop."]') \
        == [], path
    assert not page.select('script[src*="bundle."]'), path
    inline = "".join(style.get_text() for style in page.select("head > style"))
    main = next((sample_site / "assets" / "stylesheets").glob("main.*.min.css")).read_text(encoding="utf-8")
    assert "--md-primary-fg-color" in inline and "@font-face" in inline
    assert len(inline.encode()) < len(main.encode()) / 3, (path, len(inline))


@pytest.mark.parametrize("screen", ["phone", "desktop"])
@pytest.mark.parametrize("path", LANDING)
def test_landing_pages_look_as_with_materials_whole_stylesheet(browser: Browser, origin: str, sample_site: Path,
                                                               path: str, screen: str) -> None:
    """The subset leaves out nothing the page uses: every element has the same computed style as
    when the page links Material's main.css and the site's stylesheet, as every other page does."""
    # font-display: optional lets a font that arrives late (a loaded machine) be skipped for the page's
    # lifetime, in one page and not the other; both pages wait for their fonts here instead
    blocking = partial(re.sub, r"font-display:\s*optional", "font-display: block")
    html = blocking((sample_site / path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    depth = "../" * (path.count("/") - 1)
    linked = html
    for sheet in ("stylesheets/main.*.min.css", "ocop.*.css"):  # the two <style>s, in this order
        href = depth + next((sample_site / "assets").glob(sheet)).relative_to(sample_site).as_posix()
        linked = re.sub(r"<style>.*?</style>", lambda _, href=href: f'<link rel="stylesheet" href="{href}">', linked,
                        count=1, flags=re.S)
    assert "<style>" not in linked.split("</head>")[0]
    site_sheet = next((sample_site / "assets").glob("ocop.*.css"))
    sheet_text = site_sheet.read_text(encoding="utf-8")
    assert "font-display: block" in html
    assert blocking(sheet_text).count("font-display: block;") == sheet_text.count("@font-face") > 0
    locale = "en-US" if path.startswith("/en/") else "vi-VN"
    context = phone(browser, locale) if screen == "phone" else browser.new_context(
        viewport={"width": 1280, "height": 800}, locale=locale)
    try:
        page = context.new_page()
        page.route(f"{origin}{path}", lambda route: route.fulfill(body=html, content_type="text/html"))
        page.route(f"{origin}{path}linked.html", lambda route: route.fulfill(body=linked, content_type="text/html"))
        page.route(f"{origin}/{site_sheet.relative_to(sample_site).as_posix()}", lambda route: route.fulfill(
            body=blocking(sheet_text), content_type="text/css"))

        def styles(full: bool | None) -> list[list]:
            """The inline page's computed styles and the linked page's (None: only load them, to have the
            fonts in the cache); each page with every font (the `load` event: its images and stylesheets
            too; then the fonts it asked for)."""
            measured = []
            for url in (origin + path, f"{origin}{path}linked.html"):
                page.goto(url, wait_until="load")
                page.evaluate("document.fonts.ready.then(() => undefined)")
                if full is not None:
                    measured.append(json.loads(page.evaluate(COMPUTED, full)))
            return measured

        styles(None)
        inline, whole = styles(False)
        assert len(inline) == len(whole) > 100
        if inline != whole:
            inline, whole = styles(True)
    finally:
        context.close()
    differing = [(name, {key: (value, other[key]) for key, value in mine.items() if other.get(key) != value})
                 for (name, mine), (_, other) in zip(inline, whole, strict=True) if mine != other]
    assert differing == [], differing[:5]
