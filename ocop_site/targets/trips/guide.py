"""The printed guide of a trip, one per language: an A5 booklet for saddle stitching.

Order: cover; the itinerary, a page per day with its route sketch (route_image.py) and the stops with
times and travel times; one page per stop (story summary, photo, contact, notes and the product's QR
code, the same code as on its packaging); blank pages so that the count is a multiple of four; back
cover. The guide is laid out in one go with the printables' machinery (print fonts, print.css, bleed,
fit markers); a stop page that overflows is laid out again with a shorter story excerpt.
"""

from __future__ import annotations

import base64
from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from ocop_site.model.trips import Trip, TripDay, TripStop
from ocop_site.targets.pdf_fetcher import ClosedFetcher, content_folder
from ocop_site.targets.printables import document
from ocop_site.targets.printables.facts import display_url, qr_svg, short_story
from ocop_site.targets.printables.fitting import DoesNotFit
from ocop_site.targets.printables.geometry import A5
from ocop_site.targets.printables.text import nfc
from ocop_site.targets.site import urls
from ocop_site.targets.trips.labels import LABELS, label
from ocop_site.targets.trips.paths import trip_page
from ocop_site.targets.trips.route_image import route_png

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "guide.css"
STORY_LIMITS = (240, 170, 120, 80, 0)  # characters per story section on a stop page; 0: the summary only
ROUTE_MM = (124, 78)
QR_MM = 26
QR_SHOWROOM_MM = 20
PAGES_PER_SHEET = 4
FONT_PT = 9


def guide_pdf(trip: Trip, language: str, site_url: str, crop_marks: bool = False) -> bytes:
    limits = {_stop_id(day.number, stop): 0 for day in trip.days for stop in day.stops}
    routes = {day.number: _route_uri(day, language) for day in trip.days}  # drawn once, not once per layout
    while True:
        laid_out = _render(trip, language, site_url, crop_marks, limits, routes)
        too_long = [name for name in document.overflowing(laid_out) if name in limits]
        if not too_long:
            break
        for name in too_long:
            if limits[name] + 1 == len(STORY_LIMITS):
                raise DoesNotFit(f"the A5 guide page of {trip.source}", sorted(too_long))
            limits[name] += 1
    pages = document.anchor_pages(laid_out)
    blank = laid_out.pages[pages["blank-page"]]
    main = laid_out.pages[:pages["blank-page"]]
    padding = -(len(main) + 1) % PAGES_PER_SHEET
    return document.to_pdf(laid_out.copy([*main, *[blank] * padding, laid_out.pages[-1]]))


def _render(trip: Trip, language: str, site_url: str, crop_marks: bool, limits: dict[str, int],
            routes: dict[int, str]):
    from weasyprint import CSS, HTML  # imported here: loading Pango is slow for callers who need no PDF

    context = {
        "language": language,
        "title": f"{trip.name(language)} — {label('guide', language)}",
        "piece": "guide",
        "font_pt": FONT_PT,
        "crop_marks": crop_marks,
        "labels": {key: texts[language] for key, texts in LABELS.items()},
        "trip": _trip_facts(trip, language, site_url),
        "days": [_day_facts(day, language, routes[day.number]) for day in trip.days],
        "stops": [_stop_facts(stop, day.number, language, site_url,
                              STORY_LIMITS[limits[_stop_id(day.number, stop)]])
                  for day in trip.days for stop in day.stops],
        "route_mm": ROUTE_MM,
        "qr_mm": QR_MM,
        "qr_showroom_mm": QR_SHOWROOM_MM,
    }
    html = nfc(_templates().get_template("guide.html.j2").render(**context))
    fonts, stylesheets = _stylesheets()
    fetcher = ClosedFetcher(sorted({content_folder(product) for product in trip.products}))
    page = CSS(string=document.page_css(A5, crop_marks), font_config=fonts, url_fetcher=fetcher)
    laid_out = HTML(string=html, base_url=str(TEMPLATES), url_fetcher=fetcher).render(
        stylesheets=[*stylesheets, page], font_config=fonts)
    fetcher.check("guide.html.j2")
    return laid_out


def _trip_facts(trip: Trip, language: str, site_url: str) -> dict[str, object]:
    other = "en" if language == "vi" else "vi"
    days = len(trip.days)
    return {
        "name": trip.name(language),
        "other_name": trip.name(other),
        "other_language": other,
        "kind": label(trip.record.kind.value, language),
        "meta": " · ".join((label("days", language, n=days) if days > 1 else label("one_day", language),
                            label("stops", language, n=len(trip.stops)))),
        "summary": getattr(trip.record.summary, language),
        "url": _display(site_url, language, trip_page(trip.slug)),
        "home_url": _display(site_url, language, ""),
        "illustrative": any(stop.record.contact and stop.record.contact.illustrative for stop in trip.stops),
    }


def _route_uri(day: TripDay, language: str) -> str:
    png = route_png([(*stop.lat_lon, stop.kind) for stop in day.stops], *ROUTE_MM, language)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _day_facts(day: TripDay, language: str, route: str) -> dict[str, object]:
    return {
        "number": day.number,
        "title": label("day", language, n=day.number, title=getattr(day.title, language)),
        "route": route,
        "stops": [{"id": _stop_id(day.number, stop), "number": stop.number, "time": stop.record.time,
                   "name": stop.name(language), "kind": label(stop.kind, language), "travel": _travel(stop, language)}
                  for stop in day.stops],
    }


def _stop_facts(stop: TripStop, day: int, language: str, site_url: str, limit: int) -> dict[str, object]:
    record = stop.record
    product = stop.product
    presented = [p for p in stop.shown if p is not product]
    contact = record.contact
    return {
        "id": _stop_id(day, stop),
        "heading": label("stop_of_day", language, day=day, n=stop.number, time=record.time),
        "name": stop.name(language),
        "kind": label(stop.kind, language) + (f" · {product.record.producer.name}" if product else ""),
        "photo": {"uri": product.image_path(0).resolve().as_uri(),
                  "alt": getattr(product.record.images[0].alt, language)} if product else None,
        "summary": getattr(product.record.summary, language) if product else "",
        "story": short_story(product, language, limit) if product and limit else [],
        "qr": qr_svg(product, site_url, QR_MM) if product else None,
        "url": display_url(site_url, language, product.slug) if product else "",
        "activity": getattr(record.activity, language),
        "address": stop.address,
        "approximate": bool(stop.place and stop.place.illustrative),
        "contact": {"name": contact.name, "phone": contact.phone, "illustrative": contact.illustrative}
        if contact else None,
        "notes": getattr(record.notes, language) if record.notes else "",
        "travel": _travel(stop, language),
        "presented": [{"name": p.name(language), "summary": getattr(p.record.summary, language) if limit else "",
                       "qr": qr_svg(p, site_url, QR_SHOWROOM_MM), "url": display_url(site_url, language, p.slug)}
                      for p in presented],
    }


def _travel(stop: TripStop, language: str) -> str:
    minutes = stop.record.travel_minutes
    return label("travel_next", language, n=minutes) if minutes is not None else label("day_end", language)


def _stop_id(day: int, stop: TripStop) -> str:
    return f"stop-{day}-{stop.number}"


def _display(site_url: str, language: str, page: str) -> str:
    product_url = display_url(site_url, language, "x")  # host and path as printed, without the scheme
    return product_url.removesuffix(urls.product_page("x")) + page


@cache
def _stylesheets() -> tuple[object, list[object]]:
    """Fonts and style sheets, parsed once per process (reading the fonts takes most of a second)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts, fetcher = FontConfiguration(), ClosedFetcher()
    sheets = [CSS(filename=str(path), font_config=fonts, url_fetcher=fetcher)
              for path in (document.PRINT_FONTS, document.TEMPLATES / "print.css", STYLESHEET)]
    fetcher.check("guide.css")
    return fonts, sheets


@cache
def _templates() -> Environment:
    loader = ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(document.TEMPLATES)])
    return Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)

