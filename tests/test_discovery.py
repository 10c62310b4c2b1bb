"""What search engines and chat apps read: JSON-LD, Open Graph tags, the sitemap with alternates."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlparse
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from PIL import Image

BASE = "https://ocop.quangngai.example/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def material_pages(site: Path) -> list[str]:
    """Site paths of the pages MkDocs made (not QR stubs, redirects or the kiosk, an app of its own
    that search engines are asked not to index)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("index.html")
                  if not p.relative_to(site).as_posix().startswith(("P/", "p/", "kiosk/", "en/kiosk/"))
                  and 'http-equiv="refresh"' not in p.read_text(encoding="utf-8"))


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize("language", ["", "en/"])
def test_every_product_page_carries_parseable_json_ld(sample_site, language):
    products = sorted((sample_site / language / "products").iterdir())
    assert len(products) == 13
    for folder in products:
        page = soup(sample_site, f"{language}products/{folder.name}/index.html")
        [script] = page.select('script[type="application/ld+json"]')
        data = json.loads(script.string)
        kind = data["@type"]
        assert kind in ("Product", "TouristAttraction"), folder.name
        assert data["name"] == page.select_one("article h1").get_text()
        assert data["description"] and data["url"] == BASE + f"{language}products/{folder.name}/"
        assert data["image"] and all(urlparse(url).netloc == "ocop.quangngai.example" for url in data["image"])
        for url in data["image"]:
            assert (sample_site / urlparse(url).path.lstrip("/")).is_file()
        cert = data["hasCertification"]
        assert cert["@type"] == "Certification"
        assert cert["certificationRating"]["ratingValue"] in (3, 4, 5)
        if kind == "Product":
            assert data["brand"]["@type"] == data["manufacturer"]["@type"] == "Organization"
            assert data["manufacturer"]["address"]["addressRegion"] == "Quảng Ngãi"
            assert data["additionalProperty"][0]["name"] == "placeOfOrigin"
            assert data["offers"] and all(offer["@type"] == "Offer" for offer in data["offers"])
        else:
            assert folder.name == "go-co-village"
            assert data["geo"]["@type"] == "GeoCoordinates" and data["provider"]["@type"] == "Organization"


def test_every_page_has_open_graph_and_twitter_tags(sample_site):
    for path in material_pages(sample_site):
        page = soup(sample_site, path)
        tags = {m.get("property") or m.get("name"): m["content"] for m in page.select("meta[content]")}
        for name in ("og:title", "og:description", "og:url", "og:site_name", "og:locale", "twitter:card"):
            assert tags.get(name), (path, name)
        if path.removeprefix("en/").startswith("products/"):
            assert tags["twitter:card"] == "summary_large_image", path
            with Image.open(sample_site / urlparse(tags["og:image"]).path.lstrip("/")) as card:
                assert (card.format, card.size) == ("JPEG", (1200, 630)), path


def test_every_page_is_in_the_sitemap_with_both_alternates(sample_site):
    tree = ElementTree.parse(sample_site / "sitemap.xml")
    entries = {url.findtext("s:loc", namespaces=NS): {link.get("hreflang"): link.get("href")
                                                      for link in url.findall("x:link", NS)}
               for url in tree.getroot().findall("s:url", NS)}
    expected = {BASE + path.removesuffix("index.html") for path in material_pages(sample_site)
                if path not in ("404.html", "en/404.html")}
    assert set(entries) == expected
    for url, alternates in entries.items():
        assert set(alternates) == {"vi", "en", "x-default"}, url
        assert url in (alternates["vi"], alternates["en"])
        for href in alternates.values():
            path = urlparse(href).path.lstrip("/")
            assert (sample_site / path / "index.html").is_file(), href
    assert not (sample_site / "en" / "sitemap.xml").exists()
    assert (sample_site / "robots.txt").read_text().endswith(f"Sitemap: {BASE}sitemap.xml\n")
