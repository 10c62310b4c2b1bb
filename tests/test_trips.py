"""Famtrips and presstrips: validation with exact messages, the trip pages of the built sample site,
and the printed A5 guides (page size, fonts, a QR code per stop that zxing-cpp decodes)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import SAMPLE_CONTENT, TODAY
from content_factory import TRIP, at, write_trip
from pdf_tools import assert_fonts_embedded, decode, page_boxes, page_sizes_mm, pdf_text, rasterize

from ocop_site.content.trips import trip_json_schema
from ocop_site.i18n import t
from ocop_site.model.loader import load_catalog
from ocop_site.model.qr_payload import payload
from ocop_site.targets.printmaps import Marker, map_svg
from ocop_site.targets.trips.guide import guide_pdf

SCHEMA = Path(__file__).resolve().parent.parent / "schema" / "trip.schema.json"

def change(old: str, new: str) -> None:
    text = TRIP.read_text(encoding="utf-8")
    assert old in text, old
    TRIP.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate(cli) -> tuple[int, str]:
    code, _out, err = cli("validate", "--content", "content", "--today", TODAY)
    assert "Traceback" not in err
    return code, err


# -- validation -------------------------------------------------------------------------------------


def test_valid_trip_is_loaded_with_its_stops_resolved(content):
    write_trip()
    catalog = load_catalog(content)
    trip = catalog.trips["coast-famtrip"]
    stops = trip.days[0].stops
    assert [stop.kind for stop in stops] == ["product", "place", "product"]
    assert [stop.record.time for stop in stops] == ["07:30", "10:30", "13:00"]  # unquoted 10:30 is a time too
    assert stops[0].product is catalog.products["product-000"]
    assert stops[1].name("en") == "Đức Phổ ferry landing"
    assert [p.slug for p in stops[2].shown] == ["product-001", "product-000"]
    assert [p.slug for p in trip.products] == ["product-000", "product-001"]


def test_unknown_product_suggests_the_nearest_slug(content, cli):
    write_trip()
    change("product: product-001", "product: product-01")
    assert validate(cli) == (1, (
        f"{at('product: product-01')}: day 1, stop 3: unknown product 'product-01' "
        "(did you mean 'product-001'?)\n"
        "  Fix: write 'product-001'\n"
        "1 error\n"))


def test_unknown_product_without_a_near_miss(content, cli):
    write_trip()
    change("          - product-000", "          - ly-son-garlic")
    assert validate(cli) == (1, (
        f"{at('- ly-son-garlic')}: day 1, stop 3: unknown product 'ly-son-garlic'\n"
        "  Fix: write the file name of a record in products/ without .yaml, e.g. ly-son-garlic\n"
        "1 error\n"))


def test_misspelt_key_and_kind(content, cli):
    write_trip()
    change("kind: famtrip", "kind: famtip")
    change("        activity:\n          vi: Nghỉ", "        activty:\n          vi: Nghỉ")
    assert validate(cli) == (1, (
        f"{at('kind:')}: 'kind' must be one of famtrip, presstrip; got 'famtip' "
        "(did you mean 'famtrip'?)\n"
        "  Fix: write 'famtrip'\n"
        f"{at('activty:')}: unknown key 'days[1].stops[2].activty' (did you mean 'activity'?)\n"
        "  Fix: rename it to 'activity', or remove it\n"
        "2 errors\n"))


def test_time_must_be_hours_and_minutes(content, cli):
    write_trip()
    change('time: "13:00"', "time: 13h")
    assert validate(cli) == (1, (
        f"{at('time: 13h')}: 'days[1].stops[3].time' must be a time like \"07:30\", got '13h'\n"
        "  Fix: write hours and minutes on the 24-hour clock, in quotes, e.g. \"14:00\"\n"
        "1 error\n"))


def test_stops_must_be_in_the_order_of_the_day(content, cli):
    write_trip()
    change('time: "13:00"', 'time: "09:15"')
    assert validate(cli) == (1, (
        f"{at('09:15')}: day 1, stop 3 starts at 09:15, before stop 2 (10:30)\n"
        "  Fix: list the stops in the order of the day, or correct the times\n"
        "1 error\n"))


def test_travel_time_to_the_next_stop(content, cli):
    write_trip()
    change("        travel_minutes: 20\n", "")
    change("          en: Taste sugar and hear the village's story.\n",
           "          en: Taste sugar and hear the village's story.\n        travel_minutes: 30\n")
    assert validate(cli) == (1, (
        f"{at('time: 10:30')}: day 1, stop 2 has no 'travel_minutes' to the next stop\n"
        "  Fix: add 'travel_minutes:' with the minutes it takes to reach stop 3\n"
        f"{at('travel_minutes: 30')}: day 1, stop 3 is the last stop of the day but has 'travel_minutes'\n"
        "  Fix: remove it: the day ends here\n"
        "2 errors\n"))


def test_a_stop_is_one_place(content, cli):
    write_trip()
    change("        product: product-000\n        activity:", "        activity:")
    change("        product: product-001\n", "        product: product-001\n        showroom:\n"
           "          name: {vi: Điểm OCOP, en: OCOP showroom}\n          address: Phường Cẩm Thành\n"
           "          coordinates: {lat: 15.12, lon: 108.8}\n")
    assert validate(cli) == (1, (
        f"{at('07:30')}: day 1, stop 1 needs one of 'product', 'showroom' or 'place'\n"
        "  Fix: write 'product: <slug>' for a production site, or 'showroom:' or 'place:' with name, address "
        "and coordinates\n"
        f"{at('showroom:')}: day 1, stop 3 has both 'product' and 'showroom'\n"
        "  Fix: a stop is one place: keep one of them, or make two stops\n"
        "2 errors\n"))


def test_place_outside_the_province(content, cli):
    write_trip()
    change("lat: 14.67\n            lon: 109.05", "lat: 109.05\n            lon: 14.67")
    assert validate(cli) == (1, (
        f"{at('coordinates:')}: coordinates 109.05, 14.67 are outside Quảng Ngãi\n"
        "  Fix: check that 'lat' (about 14-15.5) and 'lon' (about 107.3-109.2) are not swapped or mistyped\n"
        "1 error\n"))


def test_trip_and_product_errors_come_in_one_list(content, cli):
    """Errors of products and trips are reported together; a stop naming a product whose record has
    errors of its own is not called unknown."""
    write_trip()
    record = Path("content/products/product-000.yaml")
    record.write_text(record.read_text(encoding="utf-8").replace("stars: 3", "stras: 3"), encoding="utf-8")
    change("kind: famtrip", "kind: tour")
    assert validate(cli) == (1, (
        "content/products/product-000.yaml:6: unknown key 'stras' (did you mean 'stars'?)\n"
        "  Fix: rename it to 'stars', or remove it\n"
        f"{at('kind:')}: 'kind' must be one of famtrip, presstrip; got 'tour'\n"
        "  Fix: write one of: famtrip, presstrip\n"
        "2 errors\n"))


def test_trip_file_name_must_be_a_slug(content, cli):
    write_trip(path=Path("content/trips/Coast Trip.yaml"))
    assert validate(cli) == (1, (
        "content/trips/Coast Trip.yaml:1: file name 'Coast Trip' is not a valid slug\n"
        "  Fix: rename the file using lower-case letters a-z, digits and '-', e.g. ly-son-famtrip.yaml\n"
        "1 error\n"))


def test_sample_trips_are_valid_and_their_schema_is_current():
    catalog = load_catalog(SAMPLE_CONTENT)
    kinds = sorted((trip.record.kind.value, len(trip.days)) for trip in catalog.trips.values())
    assert kinds == [("famtrip", 2), ("presstrip", 1)]
    for trip in catalog.trips.values():  # contacts in the sample are not public: marked illustrative
        assert all(stop.record.contact.illustrative for stop in trip.stops if stop.record.contact)
    assert SCHEMA.read_text(encoding="utf-8") == trip_json_schema(), "run: python tools/refresh_trip_schema.py"
    assert json.loads(SCHEMA.read_text(encoding="utf-8"))["properties"]["kind"]["$ref"].endswith("TripKind")


# -- route map --------------------------------------------------------------------------------------


def test_route_map_is_vector_sized_in_mm_and_reproducible():
    stops = [Marker(15.21, 108.933, "1", "place"), Marker(15.379, 109.103, "2", "product"),
             Marker(15.3805, 109.089, "3", "place")]
    svg = str(map_svg(124, 78, stops, "vi", around_markers=True, route=True))
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="map" width="124mm" height="78mm"')
    assert str(map_svg(124, 78, stops, "vi", around_markers=True, route=True)) == svg
    assert str(map_svg(124, 78, list(reversed(stops)), "vi", around_markers=True, route=True)) != svg
    assert 'fill="#1f5f8b"' in svg and 'fill="#2f6b3a"' in svg  # place and production-site markers


# -- trip pages (the built sample site) --------------------------------------------------------------


def sample_trips() -> dict[str, dict]:
    """The sample trip records as the editor wrote them (not through the generator)."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((SAMPLE_CONTENT / "trips").glob("*.yaml"))}


def page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def site_path(page_path: str, href: str) -> str:
    """The site path a relative link of a page leads to, e.g. 'en/products/x/'."""
    return urljoin("https://host/" + page_path, href).removeprefix("https://host/")


@pytest.mark.parametrize("language", ["vi", "en"])
def test_trip_pages_link_every_stops_product_in_the_same_language(sample_site, language):
    prefix = "en/" if language == "en" else ""
    for slug, record in sample_trips().items():
        path = f"{prefix}trips/{slug}/"
        soup = page(sample_site, path)
        assert soup.select_one("h1").get_text(strip=True) == record["name"][language]
        stop_boxes = soup.select("div.ocop-stop")
        stops = [stop for day in record["days"] for stop in day["stops"]]
        assert len(stop_boxes) == len(stops)
        for box, stop in zip(stop_boxes, stops, strict=True):
            expected = ([stop["product"]] if "product" in stop else []) + stop.get("products", [])
            linked = [site_path(path, a["href"]) for a in box.select("a[href*='products/']")]
            assert sorted(set(linked)) == sorted(f"{prefix}products/{p}/" for p in expected), stop
            for target in linked:
                assert (sample_site / target / "index.html").is_file(), target
            heading = box.find_previous_sibling("h3").get_text(" ", strip=True)
            assert heading.startswith(str(stop["time"])), heading
        routes = soup.select("figure.ocop-map[data-route='true']")
        assert len(routes) == len(record["days"])
        for day, figure in zip(record["days"], routes, strict=True):
            items = soup.select(f"#{figure['data-places']} li[data-lat]")
            travel = [stop.get("travel_minutes") for stop in day["stops"]]
            minutes = [re.search(r"· (\d+) ", item.get_text()) for item in items]  # "· 45 min to the next stop"
            assert [int(found[1]) if found else None for found in minutes] == travel
        guides = [site_path(path, a["href"]) for a in soup.select(".ocop-trip-guides a")]
        assert sorted(guides) == [f"print/trips/{slug}-guide-en.pdf", f"print/trips/{slug}-guide-vi.pdf"]
        assert all((sample_site / guide).is_file() for guide in guides)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_trips_index_lists_every_trip_and_is_in_the_navigation(sample_site, language):
    prefix = "en/" if language == "en" else ""
    soup = page(sample_site, f"{prefix}trips/")
    listed = [site_path(f"{prefix}trips/", a["href"]) for a in soup.select("ul.ocop-trips a")]
    assert sorted(listed) == sorted(f"{prefix}trips/{slug}/" for slug in sample_trips())
    home = page(sample_site, prefix.rstrip("/")) if prefix else page(sample_site, "")
    nav = [site_path(prefix, a["href"]) for a in home.select("nav.md-nav--primary a.md-nav__link[href]")]
    assert f"{prefix}trips/" in nav


# -- printed guides ------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["vi", "en"])
def test_guide_pdf_is_an_a5_booklet_with_a_qr_code_per_stop(sample_site, tmp_path, language):
    site_url = yaml.safe_load((SAMPLE_CONTENT / "site.yaml").read_text(encoding="utf-8"))["site_url"]
    codes = {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))["code"]
             for path in (SAMPLE_CONTENT / "products").glob("*.yaml")}
    for slug, record in sample_trips().items():
        pdf = sample_site / f"print/trips/{slug}-guide-{language}.pdf"
        sizes = page_sizes_mm(pdf)
        assert len(sizes) % 4 == 0
        assert all(w == pytest.approx(154, abs=0.1) and h == pytest.approx(216, abs=0.1) for w, h in sizes)
        for boxes in page_boxes(pdf):  # trim A5, 3 mm bleed
            x0, y0, x1, y1 = boxes["TrimBox"]
            assert ((x1 - x0) * 25.4 / 72, (y1 - y0) * 25.4 / 72) == (pytest.approx(148, abs=0.1),
                                                                       pytest.approx(210, abs=0.1))
        assert_fonts_embedded(pdf)
        images = rasterize(pdf.read_bytes(), tmp_path / slug, dpi=200)
        pages = {number: pdf_text(pdf, page=number) for number in range(1, len(images) + 1)}
        for d, day in enumerate(record["days"], start=1):
            for s, stop in enumerate(day["stops"], start=1):
                heading = t("stop_of_day", language, day=d, n=s, time=stop["time"])
                on = [number for number, text in pages.items() if heading.upper() in text.upper()]  # a kicker
                assert len(on) == 1, heading
                expected = ([stop["product"]] if "product" in stop else []) + stop.get("products", [])
                decoded = sorted(code.text for code in decode(images[on[0] - 1]))
                assert decoded == sorted(payload(site_url, codes[p]) for p in expected), heading


def test_guide_pads_to_whole_sheets_and_is_reproducible(content):
    write_trip()
    catalog = load_catalog(content)
    trip = catalog.trips["coast-famtrip"]
    first = guide_pdf(trip, "vi", catalog.site.site_url)
    assert guide_pdf(trip, "vi", catalog.site.site_url) == first
    path = Path("guide.pdf")
    path.write_bytes(first)
    # cover, the day, three stops: five pages, the contacts page and a notes page, the back cover
    assert len(page_sizes_mm(path)) == 8
    text = [pdf_text(path, page=n) for n in range(1, 9)]
    assert text[5].startswith("Danh bạ chuyến đi") and "Đỗ Thị Hạnh" in text[5]
    assert text[6].startswith("Ghi chú chuyến đi")
    assert all(text)  # no blank page
    assert "Về miền biển Đức Phổ" in text[0] and "Đỗ Thị Hạnh" in text[2]
