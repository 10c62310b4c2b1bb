"""The map of producers and showrooms, each product's origin, and the share links (issue 6).

The map is a list first: every listed product under its commune and every showroom, linked in the
page's language. The interactive map — self-hosted Leaflet, then tiles from the tile server — is
fetched only when the visitor presses the button (checked in Chromium, with the tile server
answered by the test so that nothing leaves the machine).
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from external_tools import launch_chromium, need_chromium
from playwright.sync_api import Route, sync_playwright
from site_server import serve

from ocop_site.model.loader import load_catalog
from ocop_site.targets.site import urls

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
SITE_URL = "https://ocop.quangngai.example/"
PREFIX = {"vi": "", "en": "en/"}
TILE_HOST = "tile.openstreetmap.org"
# a 1×1 transparent PNG: the test's stand-in for every tile
PIXEL = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def _soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(SAMPLE)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_map_page_lists_every_product_under_its_commune_and_every_showroom(
        sample_site: Path, catalog, language: str) -> None:
    page = _soup(sample_site, PREFIX[language] + "map")

    figure = page.select_one("article figure.ocop-map")
    assert figure["data-places"] == "ocop-map-places"
    assert figure["data-tiles"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    places = page.select_one("article #ocop-map-places")
    listed = {}
    for heading in places.select("h3"):
        commune = heading.get_text(strip=True)
        assert heading.a["href"] == f"../{urls.locality_page(commune)}"
        for item in heading.find_next_sibling("ul").select("li"):
            listed[item.a["href"]] = (commune, float(item["data-lat"]), float(item["data-lon"]), item["data-kind"])
    expected = {f"../products/{p.slug}/": (p.record.locality.commune, p.record.coordinates.lat,
                                             p.record.coordinates.lon, "producer")
                for p in catalog.listed}
    assert listed == expected
    showrooms = [item for item in places.select("li[data-kind=showroom]")]
    assert [item.get_text(" ", strip=True).split(" · ")[0] for item in showrooms] == [
        getattr(s.name, language) for s in catalog.site.showrooms]
    assert len(catalog.site.showrooms) == 4


@pytest.mark.parametrize("language", ["vi", "en"])
def test_map_is_in_the_navigation(sample_site: Path, language: str) -> None:
    page = _soup(sample_site, PREFIX[language].rstrip("/"))

    links = [a["href"] for a in page.select("nav.md-nav--primary a.md-nav__link")]
    assert "map/" in links


@pytest.mark.parametrize("language", ["vi", "en"])
def test_product_page_shows_where_it_comes_from(sample_site: Path, catalog, language: str) -> None:
    product = catalog.products["my-thien-pottery"]  # made in Xã Bình Sơn, which has a showroom
    page = _soup(sample_site, PREFIX[language] + urls.product_page(product.slug))

    heading_id = {"vi": "noi-san-xuat", "en": "where-it-comes-from"}[language]
    heading = page.select_one(f"article h2#{heading_id}")
    assert heading.get_text(strip=True) == {"vi": "Nơi sản xuất", "en": "Where it comes from"}[language]
    assert page.select_one(f'.ocop-facts a[href="#{heading_id}"]')
    items = page.select("article figure.ocop-map + ul.ocop-map__places li")
    assert [(float(i["data-lat"]), float(i["data-lon"]), i["data-kind"]) for i in items] == [
        (15.288, 108.755, "producer"), (15.2941, 108.7602, "showroom")]
    assert items[0].get_text(" ", strip=True).startswith(product.record.producer.name)
    assert page.select_one("article a[href='../../map/']")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_share_links_carry_the_page_address_and_load_no_script(sample_site: Path, language: str) -> None:
    path = PREFIX[language] + urls.product_page("ly-son-garlic")
    page = _soup(sample_site, path)
    page_url = SITE_URL + path

    share = page.select_one("article .ocop-share")
    assert share["data-url"] == page_url
    facebook, zalo = (urlsplit(a["href"]) for a in share.select("a")[::-1])
    assert (facebook.netloc, facebook.path, parse_qs(facebook.query)) == (
        "www.facebook.com", "/sharer/sharer.php", {"u": [page_url]})
    assert (zalo.netloc, zalo.path) == ("button-share.zalo.me", "/share_external")
    assert json.loads(base64.b64decode(parse_qs(zalo.query)["d"][0])) == {"url": page_url}
    scripts = [s["src"] for s in page.select("script[src]")]
    assert all(not urlsplit(src).netloc for src in scripts), scripts


def test_vendored_leaflet_is_the_pinned_release() -> None:
    pinned = json.loads((ROOT / "package.json").read_text())["devDependencies"]["leaflet"]
    installed = ROOT / "node_modules" / "leaflet"
    assert json.loads((installed / "package.json").read_text())["version"] == pinned
    vendored = ROOT / "ocop_site" / "targets" / "site" / "assets" / "leaflet"
    files = (("dist/leaflet.js", "leaflet.js"), ("dist/leaflet.css", "leaflet.css"), ("LICENSE", "LICENSE"))
    for source, name in files:
        assert (vendored / name).read_bytes() == (installed / source).read_bytes(), (
            f"{name} differs from leaflet {pinned}: run python tools/vendor_leaflet.py")


def test_a_showroom_outside_the_official_list_is_an_error(content: Path, cli) -> None:
    site = content / "site.yaml"
    site.write_text(site.read_text(encoding="utf-8") + (
        "showrooms:\n"
        "  - name: {vi: Điểm bán OCOP Đức Phổ, en: Đức Phổ OCOP showroom}\n"
        "    address: Phường Đức Phổ\n"
        "    locality: {commune: Phuong Duc Pho}\n"
        "    coordinates: {lat: 14.81, lon: 108.96}\n"), encoding="utf-8")
    lines = site.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if "Phuong Duc Pho" in text)

    code, _, err = cli("validate")

    assert code == 1
    assert err.splitlines()[:2] == [
        f"content/site.yaml:{line}: 'Phuong Duc Pho' is not a commune, ward or special zone of Quảng Ngãi "
        "(did you mean 'Phường Đức Phổ'?)",
        "  Fix: write 'Phường Đức Phổ'; put the old district name in 'former_district'",
    ]


@pytest.mark.browser
@pytest.mark.parametrize("path", ["map/", "en/products/my-thien-pottery/"])
def test_tiles_load_only_when_the_visitor_opens_the_map(sample_site: Path, path: str) -> None:
    need_chromium()
    requests: list[str] = []
    tiles: list[str] = []

    def answer_tile(route: Route) -> None:
        tiles.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=PIXEL)

    with serve(sample_site) as origin, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        context.route(f"https://{TILE_HOST}/**", answer_tile)
        context.on("request", lambda request: requests.append(request.url))
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(error.message))
        page.goto(f"{origin}/{path}", wait_until="networkidle")

        assert [url for url in requests if "leaflet" in url or TILE_HOST in url] == []
        places = page.locator("ul.ocop-map__places li, #ocop-map-places li").count()
        page.locator("figure.ocop-map button.ocop-map__open").click()
        page.locator(".leaflet-container").wait_for()
        page.wait_for_load_state("networkidle")

        assert f"{origin}/assets/leaflet/leaflet.js" in requests  # one copy of /assets/ for both languages
        assert tiles, "no tile was requested after opening the map"
        assert page.locator(".leaflet-interactive").count() == places
        credit = page.locator(".leaflet-control-attribution a[href='https://www.openstreetmap.org/copyright']")
        assert credit.count() == 1
        foreign = {urlsplit(url).netloc for url in requests if not url.startswith(origin)}
        assert foreign == {TILE_HOST}
        assert errors == []
        browser.close()
