"""The fair-booth kiosk (issue 7) in real headless Chromium: views built from the catalogue, the
attract loop and the idle reset after the configured times, the language toggle that keeps the
product, every product with its photos and QR code after the network is cut, and new content on
the next load with a network after a rebuild.

The kiosk is built once from tests/content_factory.py (three products; product-000 has two photos
and a link in its story, product-001 a season) and served from 127.0.0.1 by a server that can be switched off: with it
off every request fails, as in a hall whose wifi is down, and the browser context is offline too.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY, edit
from content_factory import product_record, write_content, write_photo, write_product
from external_tools import launch_chromium
from playwright.sync_api import Browser, Page, expect, sync_playwright
from site_server import switchable

from ocop_site.pipeline import builder
from ocop_site.pipeline.builder import build

SCREEN = {"width": 1920, "height": 1080}
SLUGS = ["product-000", "product-001", "product-002"]
NAMES = {"vi": "Đường phổi Đức Phổ số 1", "en": "Đức Phổ lung sugar no. 1"}
GROUP_NAMES = {"food": "Thực phẩm", "beverages": "Đồ uống", "herbal": "Thảo dược", "textiles": "Vải và may mặc"}
KIOSK = {"vi": "/kiosk/", "en": "/en/kiosk/"}
CALM = "?attract=600&reset=600"  # no attract loop or reset in tests about something else, however slow
STORY_LINK = "[Cổng thông tin tỉnh](https://quangngai.gov.vn/)"
SEASON = {"vi": "Ép mía từ tháng 11 đến tháng 3; đường bán quanh năm.",
          "en": "Cane is pressed from November to March; the sugar is sold all year round."}


# The build's targets but those the kiosk shows nothing of: a kiosk build here is a build by these, the
# kiosk made as by any build, with the QR artwork its views show and precache (a preview makes none), without
# the printables, share cards, trip guides and press kits no kiosk test looks at (most of a full build's time).
NOT_SHOWN = ("printables", "share-cards", "trip-guides", "press-kits")
KIOSK_TARGETS = tuple(target for target in builder.TARGETS if target.name not in NOT_SHOWN)


def build_for_the_kiosk(content: Path, out: Path) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(builder, "TARGETS", KIOSK_TARGETS)
        return build(content, out, today=dt.date.fromisoformat(TODAY)).site


@dataclass
class Host:
    """The built site on 127.0.0.1; `online = False` makes every request fail. Nothing it sends may be
    kept in the browser's HTTP cache, so whatever works offline works through the service worker."""

    origin: str
    site: Path
    content: Path
    online: bool = True


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Host]:
    root = tmp_path_factory.mktemp("kiosk")
    content = write_content(root / "content", count=3)
    record = product_record(0)
    record["images"].append({"file": "detail.jpg", "alt": {"vi": "Chảo đường đang sôi", "en": "The sugar boiling"},
                             "credit": "Ảnh thử nghiệm"})
    write_product(content, "product-000", 0, record=record)
    write_photo(content / "media" / "product-000" / "detail.jpg", size=(1200, 900), seed=7)
    write_product(content, "product-001", 1, record={**product_record(1), "season": SEASON})
    edit(content / "stories" / "product-000.vi.md", "đường được nấu từ nước mía ép.",
         f"đường được nấu từ nước mía ép. Xem {STORY_LINK}.")
    (content / "site.yaml").write_text((content / "site.yaml").read_text(encoding="utf-8")
                                       + "kiosk:\n  attract_after_seconds: 45\n  reset_after_seconds: 90\n",
                                       encoding="utf-8")
    site = build_for_the_kiosk(content, root / "out")
    state = Host(origin="", site=site, content=content)

    with switchable(site, lambda: state.online) as origin:
        state.origin = origin
        yield state


@pytest.fixture(scope="module")
def browser(chromium: Path) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser, host: Host) -> Iterator[Page]:
    host.online = True
    context = browser.new_context(viewport=SCREEN, has_touch=True)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        yield page
    finally:
        host.online = True
        context.close()
    assert errors == []


def _soup(host: Host, language: str) -> BeautifulSoup:
    return BeautifulSoup((host.site / KIOSK[language].lstrip("/") / "index.html").read_text(encoding="utf-8"),
                         "html.parser")


def _precached(host: Host, language: str) -> tuple[str, list[str]]:
    """VERSION and the precached site paths of a language's sw.js."""
    text = (host.site / KIOSK[language].lstrip("/") / "sw.js").read_text(encoding="utf-8")
    version = re.search(r'^const VERSION = "(\w+)";$', text, re.MULTILINE).group(1)
    files = json.loads(re.search(r"^const FILES = (\[.*\]);", text, re.MULTILINE).group(1))
    return version, [path for path, _ in files]


def _open(page: Page, host: Host, language: str, query: str = "") -> None:
    page.goto(host.origin + KIOSK[language] + query)
    page.wait_for_function("document.body.dataset.offline === 'ready'", timeout=60_000)


def _visible_view(page: Page) -> str:
    return page.locator(".kiosk-view:not([hidden])").get_attribute("data-view")


def _images_loaded(page: Page) -> list[str]:
    """src of every image of the visible view that did not load (waits for them first)."""
    view = page.locator(".kiosk-view:not([hidden])")
    view.locator("img").evaluate_all("imgs => imgs.forEach(img => { img.loading = 'eager'; })")
    page.wait_for_function("[...document.querySelectorAll('.kiosk-view:not([hidden]) img')].every(i => i.complete)")
    return view.locator("img").evaluate_all("imgs => imgs.filter(i => !(i.naturalWidth > 0)).map(i => i.src)")


# -- the pages ---------------------------------------------------------------------------------------

def test_kiosk_shows_the_six_groups_and_every_product_story(host: Host) -> None:
    soup = _soup(host, "vi")
    groups = soup.select(".kiosk-view[data-view=''] .kiosk-group")
    assert [g.select_one(".kiosk-group-name").get_text() for g in groups][:4] == list(GROUP_NAMES.values())
    assert len(groups) == 6
    assert [g["href"] for g in soup.select(".kiosk-view[data-view=''] a.kiosk-group")] == [
        "#/groups/food", "#/groups/beverages", "#/groups/herbal"]
    assert [g.select_one(".kiosk-count").get_text() for g in groups] == [
        "1 sản phẩm", "1 sản phẩm", "1 sản phẩm", "Chưa có sản phẩm", "Chưa có sản phẩm", "Chưa có sản phẩm"]
    product = soup.select_one(".kiosk-view[data-view='products/product-001']")
    assert product.select_one("h1").get_text() == NAMES["vi"]
    assert [h.get_text() for h in product.select(".kiosk-story h2")] == [
        "Nguồn gốc", "Quy trình sản xuất", "Dấu ấn văn hóa", "Lợi ích cộng đồng"]
    assert product.select_one(".kiosk-qr img")["src"] == "../qr/T-001.svg"
    assert (host.site / "qr" / "T-001.svg").is_file()
    assert len(soup.select('.kiosk-view[data-view^="products/product-000/photos/"]')) == 2
    body = soup.select_one("body")
    assert (body["data-attract-after"], body["data-reset-after"]) == ("45", "90")  # from site.yaml
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex"
    assert "kiosk" not in (host.site / "sitemap.xml").read_text(encoding="utf-8")


def test_no_link_leaves_the_kiosk_and_story_links_are_text(host: Host) -> None:
    for language, other in (("vi", "en"), ("en", "vi")):
        soup = _soup(host, language)
        hrefs = {a["href"] for a in soup.select("a[href]")}
        toggle = {"vi": "../../kiosk/", "en": "../en/kiosk/"}[other]
        assert {href for href in hrefs if not href.startswith("#/")} == {toggle}
        ids = {tag["id"] for tag in soup.select("[id]")}
        assert {href[1:] for href in hrefs if href.startswith("#")} - ids == set()  # every route has its view
    origin = _soup(host, "vi").select_one(".kiosk-view[data-view='products/product-000'] .kiosk-story")
    assert "Xem Cổng thông tin tỉnh." in origin.get_text()
    assert origin.select("a") == []


def test_the_service_worker_precaches_everything_the_kiosk_shows(host: Host) -> None:
    versions, lists = zip(*(_precached(host, language) for language in KIOSK), strict=True)
    assert versions[0] == versions[1] and lists[0] == lists[1]
    precached = set(lists[0])
    assert {"kiosk/", "en/kiosk/", "kiosk/assets/kiosk.css", "kiosk/assets/kiosk.js"} <= precached
    shown = set()
    for language in KIOSK:
        page = KIOSK[language].lstrip("/")
        soup = _soup(host, language)
        for tag in soup.select("img[src], link[rel=stylesheet], script[src]"):
            shown.add(urlsplit(urljoin(page, tag.get("src") or tag["href"])).path)
    css = (host.site / "kiosk/assets/kiosk.css").read_text(encoding="utf-8")
    fonts = {"kiosk/assets/" + url for url in re.findall(r'url\("([^"]+\.woff2)"\)', css)}
    assert len(fonts) == 4 and fonts <= precached
    assert shown - precached == set()
    assert {"media/product-000/hero-960.webp", "media/product-000/detail-960.webp", "qr/T-002.svg"} <= shown
    missing = [path for path in precached if not (host.site / path).is_file() and not (host.site / path).is_dir()]
    assert missing == []


def test_kiosk_timings_out_of_range_are_content_errors(content: Path, cli) -> None:
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + "kiosk:\n  attract_after_seconds: 5\n  reset_after: 100\n",
                    encoding="utf-8")
    code, out, err = cli("validate", "--content", str(content))
    assert (code, out) == (1, "")
    assert err == (
        "content/site.yaml:6: 'kiosk.attract_after_seconds': must be 10 to 3600 seconds, got 5\n"
        "  Fix: see README.md, 'Content reference'\n"
        "content/site.yaml:7: unknown key 'kiosk.reset_after' (did you mean 'reset_after_seconds'?)\n"
        "  Fix: rename it to 'reset_after_seconds', or remove it\n"
        "2 errors\n")


# -- in the browser ----------------------------------------------------------------------------------

def test_touch_targets_and_no_zoom_selection_or_context_menu(page: Page, host: Host) -> None:
    page.goto(host.origin + KIOSK["vi"])
    small = []
    for route in ["", "groups/food", "products/product-000", "products/product-000/photos/1"]:
        page.evaluate("route => { location.hash = '#/' + route; }", route)
        page.wait_for_function("route => document.body.dataset.view === route", arg=route)
        for box in page.locator(".kiosk-bar a, .kiosk-view:not([hidden]) a").evaluate_all(
                "links => links.map(a => { const r = a.getBoundingClientRect(); "
                "return [a.textContent.trim(), r.width, r.height]; })"):
            if box[1] < 44 or box[2] < 44:
                small.append(f"#/{route}: {box}")
    assert small == []
    style = page.evaluate("() => { const s = getComputedStyle(document.documentElement); "
                          "return [s.touchAction, s.userSelect]; }")
    assert style == ["pan-x pan-y", "none"]
    prevented = page.evaluate("""() => ['contextmenu', 'selectstart', 'dragstart'].map(type => {
        const event = new MouseEvent(type, {bubbles: true, cancelable: true});
        document.querySelector('h1').dispatchEvent(event);
        return event.defaultPrevented; })""")
    assert prevented == [True, True, True]


def test_language_toggle_keeps_the_product(page: Page, host: Host) -> None:
    _open(page, host, "vi", CALM)
    page.tap("a.kiosk-group--beverages")
    page.tap(".kiosk-view[data-view='groups/beverages'] a.kiosk-card")
    assert page.locator(".kiosk-view[data-view='products/product-001'] h1").inner_text() == NAMES["vi"]
    page.tap(".kiosk-language")
    page.wait_for_url(f"**{KIOSK['en']}{CALM}#/products/product-001")
    assert _visible_view(page) == "products/product-001"
    assert page.locator(".kiosk-view[data-view='products/product-001'] h1").inner_text() == NAMES["en"]
    assert page.evaluate("document.documentElement.lang") == "en"
    page.tap(".kiosk-language")
    page.wait_for_url(f"**{KIOSK['vi']}{CALM}#/products/product-001")
    assert page.locator(".kiosk-view[data-view='products/product-001'] h1").inner_text() == NAMES["vi"]


CLOCK_START = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)


def _stop_the_clock(page: Page) -> None:
    """Give the page a stopped clock before it loads: its timers fire only when the test moves the
    clock on, so the idle times are checked to the millisecond however slow the machine is, and no
    attract loop starts between two taps. The clock stays stopped across the kiosk's own reloads."""
    page.clock.install(time=CLOCK_START)
    page.clock.pause_at(CLOCK_START + dt.timedelta(seconds=1))


def test_attract_loop_after_the_idle_time_and_a_touch_leaves_it(page: Page, host: Host) -> None:
    _stop_the_clock(page)
    page.goto(host.origin + KIOSK["vi"] + "?attract=2&reset=60&slide=1")
    page.tap("a.kiosk-group--food")
    page.tap(".kiosk-view[data-view='groups/food'] a.kiosk-card")  # the last touch
    page.clock.run_for(1999)  # the kiosk checks every 200 ms; at 1.999 s idle the loop must not have started
    assert page.evaluate("document.body.dataset.attract") != "on", "the attract loop started before 2 s"
    page.clock.run_for(201)  # the first check at or after 2 s starts it
    assert page.evaluate("document.body.dataset.attract") == "on", "no attract loop 2.2 s after the last touch"
    assert page.locator(".kiosk-attract").is_visible()
    page.clock.resume()
    page.wait_for_function("document.body.dataset.slide === '1'", timeout=30_000)  # the slides move on
    page.touchscreen.tap(960, 540)
    assert page.locator(".kiosk-attract").is_hidden()
    assert _visible_view(page) == ""  # the start screen: the touch opened nothing beneath
    page.wait_for_timeout(300)
    assert _visible_view(page) == "" and page.evaluate("document.body.dataset.attract") == "off"


def test_idle_reset_closes_everything_and_returns_to_the_default_language(page: Page, host: Host) -> None:
    _stop_the_clock(page)
    page.goto(host.origin + KIOSK["en"] + "?attract=60&reset=2")
    page.tap("a.kiosk-group--food")
    page.tap(".kiosk-view[data-view='groups/food'] a.kiosk-card")
    page.tap(".kiosk-view[data-view='products/product-000'] a.kiosk-thumb >> nth=1")  # the last touch
    # the tap changes the address; the view follows on the page's `hashchange`, a moment later
    expect(page.locator(".kiosk-view:not([hidden])")).to_have_attribute("data-view", "products/product-000/photos/2")
    page.clock.run_for(1999)
    assert page.url.startswith(host.origin + KIOSK["en"]), "the kiosk reset before 2 s"
    assert _visible_view(page) == "products/product-000/photos/2"
    page.clock.run_for(201)
    page.wait_for_url(f"**{KIOSK['vi']}?attract=60&reset=2#/", timeout=10_000)
    page.clock.resume()
    page.wait_for_function("document.body.dataset.view === ''")
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.locator(".kiosk-attract").is_hidden()


def test_reset_during_the_attract_loop_keeps_it_playing(page: Page, host: Host) -> None:
    _stop_the_clock(page)
    page.goto(host.origin + KIOSK["en"] + "?attract=1&reset=3")
    page.tap("a.kiosk-group--herbal")
    page.clock.run_for(1200)
    assert page.evaluate("document.body.dataset.attract") == "on"
    page.clock.run_for(2000)  # the reset at 3 s, during the attract loop
    page.wait_for_url(f"**{KIOSK['vi']}?attract=1&reset=3#/", timeout=10_000)
    # the clock is still stopped: the loop plays again because the reset said so, not after a new idle time
    page.wait_for_function("document.body.dataset.attract === 'on'")
    assert page.evaluate("document.documentElement.lang") == "vi"


def test_every_product_opens_with_its_images_offline(page: Page, host: Host) -> None:
    _open(page, host, "vi", CALM)
    host.online = False
    page.context.set_offline(True)
    page.reload()  # the kiosk restarts (a crash, a power cut) with the network gone
    page.wait_for_function("document.body.dataset.view === ''")
    broken = {}
    for language in ("vi", "en"):
        if language == "en":
            page.tap(".kiosk-language")  # offline too, the toggle keeps the open view
            page.wait_for_url(f"**{KIOSK['en']}{CALM}#/products/{SLUGS[-1]}/photos/1")
        for slug in SLUGS:
            photos = page.locator(f'.kiosk-view[data-view^="products/{slug}/photos/"]').count()
            for route in [f"products/{slug}"] + [f"products/{slug}/photos/{n}" for n in range(1, photos + 1)]:
                page.evaluate("route => { location.hash = '#/' + route; }", route)
                page.wait_for_function("route => document.body.dataset.view === route", arg=route)
                broken[f"{language} #/{route}"] = _images_loaded(page)
                assert page.locator(".kiosk-view:not([hidden]) img").count() >= 1
    assert len(broken) == 2 * (len(SLUGS) + 4)  # product-000 has two photos, the others one
    assert {route: srcs for route, srcs in broken.items() if srcs} == {}
    font = page.evaluate("document.fonts.check('700 24px \"Be Vietnam Pro\"', 'Đường')")
    assert font


@pytest.fixture
def own_host(host: Host, tmp_path: Path) -> Iterator[Host]:
    """A copy of the kiosk's content and built site, served on its own origin: a test that edits and
    rebuilds it changes nothing the other tests see, whatever order they run in."""
    root = tmp_path / "kiosk"
    shutil.copytree(host.content.parent, root, symlinks=True)  # out/site links to its folder by a relative name
    state = Host(origin="", site=root / "out" / "site", content=root / "content")
    with switchable(state.site, lambda: state.online) as origin:
        state.origin = origin
        yield state


def test_rebuild_reaches_the_kiosk_on_its_next_load_with_a_network(page: Page, own_host: Host) -> None:
    host = own_host
    _open(page, host, "vi", CALM)
    old_version, _ = _precached(host, "vi")
    assert page.locator(".kiosk-view[data-view='products/product-001'] h1").inner_text() == NAMES["vi"]
    edit(host.content / "products" / "product-001.yaml", NAMES["vi"], "Đường phổi Đức Phổ mùa mới")
    build_for_the_kiosk(host.content, host.site.parent)
    new_version, _ = _precached(host, "vi")
    assert new_version != old_version
    page.reload()
    page.wait_for_function("name => document.querySelector(\".kiosk-view[data-view='products/product-001'] h1\")"
                           ".textContent === name", arg="Đường phổi Đức Phổ mùa mới", timeout=60_000)
    page.wait_for_function("document.body.dataset.offline === 'ready'", timeout=60_000)
    caches = page.evaluate("caches.keys()")
    assert [name for name in caches if name.startswith("ocop-kiosk-")] == [f"ocop-kiosk-{new_version}"]
    host.online = False
    page.context.set_offline(True)
    page.reload()
    assert page.locator(".kiosk-view[data-view='products/product-001'] h1").inner_text() == "Đường phổi Đức Phổ mùa mới"


# -- facts and legibility (issue 16) ------------------------------------------------------------------

def test_each_product_says_who_makes_it_where_and_where_to_buy_it(host: Host) -> None:
    for language, commune, shop in (
            ("vi", "Đặc khu Lý Sơn", "Điểm OCOP Quảng Ngãi · Phường Cẩm Thành"),
            ("en", "Đặc khu Lý Sơn (Lý Sơn special zone)", "Quảng Ngãi OCOP showroom · Phường Cẩm Thành")):
        view = _soup(host, language).select_one(".kiosk-view[data-view='products/product-000']")
        details = {dt.get_text(strip=True): dd for dt, dd in zip(view.select(".kiosk-details dt"),
                                                                 view.select(".kiosk-details dd"), strict=True)}
        labels = ("Chủ thể sản xuất", "Nơi sản xuất", "Nơi mua") if language == "vi" else (
            "Producer", "Made in", "Where to buy")
        assert details[labels[0]].get_text(strip=True) == "Hợp tác xã Đồng Tâm"
        assert details[labels[1]].get_text(strip=True) == commune
        assert [li.get_text(strip=True) for li in details[labels[2]].select("li")] == [shop]


def test_kiosk_shows_the_season_when_the_record_has_one(host: Host) -> None:
    for language in ("vi", "en"):
        views = {slug: _soup(host, language).select_one(f".kiosk-view[data-view='products/{slug}']") for slug in SLUGS}
        assert views["product-001"].select_one(".kiosk-season").get_text(strip=True) == SEASON[language]
        assert [slug for slug, view in views.items() if view.select_one(".kiosk-season")] == ["product-001"]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_a_product_view_shows_its_facts_on_the_kiosk_screen(page: Page, host: Host, language: str) -> None:
    """Tapped through as a visitor would, the product's facts are on the screen, not only in the markup."""
    _open(page, host, language, CALM)
    page.tap("a.kiosk-group--beverages")
    page.tap(".kiosk-view[data-view='groups/beverages'] a.kiosk-card")
    page.wait_for_function("document.body.dataset.view === 'products/product-001'")
    details = page.locator(".kiosk-view[data-view='products/product-001'] .kiosk-details")
    shown = dict(zip(details.locator("dt").all_inner_texts(),
                     [text.strip() for text in details.locator("dd").all_inner_texts()], strict=True))
    assert shown == ({"Chủ thể sản xuất": "Hợp tác xã Đồng Tâm", "Nơi sản xuất": "Phường Sa Huỳnh",
                      "Nơi mua": "Điểm OCOP Quảng Ngãi · Phường Cẩm Thành", "Mùa vụ": SEASON["vi"]}
                     if language == "vi" else
                     {"Producer": "Hợp tác xã Đồng Tâm", "Made in": "Phường Sa Huỳnh (Sa Huỳnh ward)",
                      "Where to buy": "Quảng Ngãi OCOP showroom · Phường Cẩm Thành", "Season": SEASON["en"]})
    for fact in (".kiosk-producer", ".kiosk-commune", ".kiosk-shops li", ".kiosk-season"):
        box = details.locator(fact).bounding_box()
        assert box and box["height"] > 0 and box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"], (
            fact, box)  # on the screen, without scrolling


def _relative_luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(v) for v in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


_TEXT_COLOUR = """(e, colour) => [e, ...e.querySelectorAll('*')].forEach(
    c => colour ? c.style.setProperty('color', colour, 'important') : c.style.removeProperty('color'))"""


def _worst_contrast(page: Page, selector: str) -> float:
    """Contrast of the element's text colour against the lightest pixel drawn behind its text,
    measured on the rendered screen with the text made transparent."""
    import io

    from PIL import Image

    element = page.locator(selector)
    colour = element.evaluate("e => getComputedStyle(e).color")
    text = tuple(int(v) for v in re.findall(r"\d+", colour)[:3])
    inner = element.evaluate("""e => { const r = e.getBoundingClientRect(), s = getComputedStyle(e);
      return {x: r.x + parseFloat(s.paddingLeft), y: r.y + parseFloat(s.paddingTop),
              width: r.width - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight),
              height: r.height - parseFloat(s.paddingTop) - parseFloat(s.paddingBottom)}; }""")
    element.evaluate(_TEXT_COLOUR, "transparent")
    shot = Image.open(io.BytesIO(page.screenshot(clip=inner, animations="disabled"))).convert("RGB")
    element.evaluate(_TEXT_COLOUR, "")
    # each colour drawn once, not each pixel: the same extremes, a fraction of the work
    luminances = [_relative_luminance(colour) for _count, colour in shot.getcolors(shot.width * shot.height)]
    lightest, darkest = max(luminances), min(luminances)
    own = _relative_luminance(text)
    return min((max(own, lightest) + 0.05) / (min(own, lightest) + 0.05),
               (max(own, darkest) + 0.05) / (min(own, darkest) + 0.05))


WHITE_PHOTO = ("data:image/svg+xml," + "%3Csvg xmlns='http://www.w3.org/2000/svg' width='16' height='9'%3E"
               "%3Crect width='16' height='9' fill='white'/%3E%3C/svg%3E")


@pytest.mark.parametrize("photo", ["sample", "white"])
def test_attract_text_is_legible_on_any_photo(page: Page, host: Host, photo: str) -> None:
    page.goto(host.origin + KIOSK["en"] + "?attract=1&reset=600&slide=600")
    page.wait_for_function("document.body.dataset.attract === 'on'", timeout=10_000)
    page.wait_for_function("[...document.querySelectorAll('.kiosk-slide:not([hidden]) img')].every(i => i.complete)")
    if photo == "white":  # the worst case: a white photo behind every text
        page.evaluate(f"document.querySelectorAll('.kiosk-slide img').forEach(i => {{ i.src = {WHITE_PHOTO!r}; }})")
        page.wait_for_function("[...document.querySelectorAll('.kiosk-slide img')].every(i => i.complete"
                               " && i.currentSrc.startsWith('data:'))")  # drawn: the screenshots wait for a frame
    for selector in (".kiosk-attract-call", ".kiosk-slide:not([hidden]) .kiosk-slide-summary",
                     ".kiosk-slide:not([hidden]) .kiosk-slide-name"):
        contrast = _worst_contrast(page, selector)
        assert contrast >= 4.5, f"{selector}: contrast {contrast:.2f}:1 on the {photo} photo"
    # the call to touch pulses without fading its text
    opacities = {page.locator(".kiosk-attract-call").evaluate("e => getComputedStyle(e).opacity")
                 for _ in range(8) if page.wait_for_timeout(250) is None}
    assert opacities == {"1"}


def test_a_story_edit_renders_the_kiosk_passages_of_its_product_only(tmp_path: Path, monkeypatch) -> None:
    """Each product's kiosk passages are kept in the render cache: an edited story renders its own
    product's again, every other product's come from the cache (at 619 products, 1.6 → 0.5 CPU-s)."""
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "cache"))
    content = write_content(tmp_path / "content", count=3)
    for index, words in ((0, "Gừng núi Ba Tơ."), (2, "Đường phổi Đức Phổ.")):  # three different stories
        edit(content / "stories" / f"product-00{index}.vi.md", "## Nguồn gốc\n\n", f"## Nguồn gốc\n\n{words} ")
    today = dt.date.fromisoformat(TODAY)
    build(content, tmp_path / "out", today=today, preview=True)
    cache = tmp_path / "cache" / "outputs"

    def entries() -> set[Path]:
        return {path.parent for path in cache.rglob("kiosk.json")}

    first = entries()
    assert len(first) == 3
    edit(content / "stories" / "product-001.vi.md", "## Nguồn gốc\n\n", "## Nguồn gốc\n\nĐoạn mở đầu mới về đồi chè. ")
    build(content, tmp_path / "out", today=today, preview=True)
    added = entries() - first
    assert len(added) == 1
    assert "Đoạn mở đầu mới về đồi chè." in (next(iter(added)) / "kiosk.json").read_text(encoding="utf-8")
    page = BeautifulSoup((tmp_path / "out" / "site" / "kiosk" / "index.html").read_text(encoding="utf-8"),
                         "html.parser")
    view = page.select_one(".kiosk-view[data-view='products/product-001']")
    assert view is not None and "Đoạn mở đầu mới về đồi chè." in view.get_text()
