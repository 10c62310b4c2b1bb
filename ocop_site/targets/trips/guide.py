"""The printed guide of a trip, one per language: an A5 booklet for saddle stitching.

Order: cover; the itinerary, a page per day with its route sketch — a map of the real coast, rivers and
boundaries (targets/printmaps) with the stops numbered in order, overlapping markers moved apart with a
leader line to their true point, and a legend of the marker colours — and the stops with times and travel
times; one page per stop (story summary, photo, contact, notes and the product's QR code, the same code as
on its packaging; a stop without a product story gets ruled lines for the guide's own notes); as many
padding pages as the count needs to be a multiple of four, never blank ones — the contacts of every stop
on one page, then ruled notes pages; back cover. The guide is laid out in one
go with the printables' machinery (print fonts, print.css, bleed, fit markers, colour profiles); a stop page
that overflows is laid out again in the next of LAYOUTS: a shorter story excerpt (or fewer note lines), then
without the photo, then without the product's summary (its QR code leads to the story), then with the
products presented there on the page(s) after it, where the list runs on as long as it needs, then with the
stop's notes on that following page too (a line on the stop page says so). Nothing is cut mid-way. With the
trip record's maximum lengths (content/trips.py) the tightest layout always fits, even with every text in
capitals (tests/test_guide_maxima.py); the cover has fit markers too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader

from ocop_site.i18n import N_, Labels, t
from ocop_site.model.trips import Trip, TripDay, TripStop
from ocop_site.problems import Term
from ocop_site.targets.pdf_fetcher import content_folder
from ocop_site.targets.printables import document, press
from ocop_site.targets.printables.facts import display_url, qr_svg, short_story
from ocop_site.targets.printables.fitting import DoesNotFit
from ocop_site.targets.printables.geometry import A5
from ocop_site.targets.printables.text import nfc
from ocop_site.targets.printmaps import Marker, map_svg
from ocop_site.targets.site import urls
from ocop_site.targets.trips.paths import trip_page

TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = TEMPLATES / "guide.css"


@dataclass(frozen=True)
class Layout:
    """What a stop page holds; LAYOUTS go from the roomiest to the tightest, each dropping or moving a block."""

    story: int  # characters per story section; 0: the summary only
    note_lines: int  # ruled lines on a stop page without a product story
    photo: bool = True
    summary: bool = True  # the summary of the stop's own product
    presented_here: bool = True  # else on the page(s) after the stop page, as long as the list needs
    notes_here: bool = True  # else the stop's notes on the page after it, before the products presented there


LAYOUTS = (Layout(240, 12), Layout(170, 9), Layout(120, 6), Layout(80, 3), Layout(0, 0),
           Layout(0, 0, photo=False), Layout(0, 0, photo=False, summary=False),
           Layout(0, 0, photo=False, summary=False, presented_here=False),
           Layout(0, 0, photo=False, summary=False, presented_here=False, notes_here=False))
ROUTE_MM = (124, 78)
QR_MM = 26
QR_SHOWROOM_MM = 20
COVER = "cover"  # the front cover's fit markers: a trip's name and summary end above its foot
PAGES_PER_SHEET = 4
FONT_PT = 9
TRIP_KINDS = {"famtrip": N_("famtrip"), "presstrip": N_("presstrip")}
STOP_KINDS = {"product": N_("stop_kind_product"), "showroom": N_("stop_kind_showroom"),
              "place": N_("stop_kind_place")}


def guide_pdf(trip: Trip, language: str, site_url: str, crop_marks: bool = False,
              profile: str = press.SCREEN) -> bytes:
    return document.to_pdf(guide_document(trip, language, site_url, crop_marks, profile), profile)


def guide_document(trip: Trip, language: str, site_url: str, crop_marks: bool = False,
                   profile: str = press.SCREEN):
    """The laid-out guide (a WeasyPrint Document), notes pages included."""
    return _guide_document(trip, language, site_url, crop_marks, profile, LAYOUTS)


def _guide_document(trip: Trip, language: str, site_url: str, crop_marks: bool, profile: str,
                    layouts: tuple[Layout, ...]):
    stops = {_stop_id(day.number, stop): (day.number, stop) for day in trip.days for stop in day.stops}
    routes = {day.number: _route_map(day, language) for day in trip.days}  # drawn once, not once per layout
    fitting = _Fitting(trip, language, site_url, crop_marks, profile, layouts, stops)
    while True:
        laid_out = fitting.render(stops, routes)
        too_long = document.overflowing(laid_out)
        if not too_long:
            break
        fitting.step(too_long)  # raises DoesNotFit for a page already in its tightest layout
        if not set(stops) <= set(too_long):  # else a probe would spare only the day pages: the whole guide again
            fitting.probe(too_long)
    pages = document.anchor_pages(laid_out)
    main = laid_out.pages[:pages["contacts-page"]]
    padding = -(len(main) + 1) % PAGES_PER_SHEET
    one_page = pages["notes-page"] - pages["contacts-page"] == 1  # a trip of many stops: notes pages only
    fillers = [laid_out.pages[pages["contacts-page"]]][:padding if one_page else 0]  # every stop's contact
    fillers += [laid_out.pages[pages["notes-page"]]] * (padding - len(fillers))
    return laid_out.copy([*main, *fillers, laid_out.pages[-1]])


class _Fitting:
    """The layouts of the stop pages (and the cover's type) while the guide is fitted. A stop page begins a page
    of its own after a forced break (guide.css) and its fit markers are on it and the page(s) after it, so the
    pages of one stop lay out the same whatever comes before them: a page that overflowed in the whole guide is
    stepped through the next layouts in probe documents holding only the cover and the stop pages still
    overflowing (no day pages, no other stop), which are much cheaper; the whole guide is then laid out again
    in the layouts found, and only a whole guide without overflow is accepted. When every stop page overflowed,
    the whole guide is laid out again instead of a probe: that would spare only the day pages, and the layout
    of the whole guide is the one kept if it fits. The steps are those of laying
    out the whole guide once per step (the same layouts chosen, the same DoesNotFit): a page that fits stays in
    its layout, and one that overflows moves to the next layout that changes it."""

    def __init__(self, trip: Trip, language: str, site_url: str, crop_marks: bool, profile: str,
                 layouts: tuple[Layout, ...], stops: dict[str, tuple[int, TripStop]]) -> None:
        self.trip, self.language, self.site_url, self.crop_marks, self.profile = (trip, language, site_url,
                                                                                  crop_marks, profile)
        self.layouts, self.stops = layouts, stops
        # each stop page's layout; the cover's type: roomy, then smaller
        self.levels = dict.fromkeys([*stops, COVER], 0)
        self.tightest = {**dict.fromkeys(stops, len(layouts) - 1), COVER: 1}

    def render(self, names: Iterable[str], routes: dict[int, object]):
        """The guide with the stop pages of `names` (in the trip's order) and the day pages of `routes`."""
        return _render(self.trip, self.language, self.site_url, self.crop_marks,
                       {name: self.layouts[self.levels[name]] for name in self.stops if name in names}, routes,
                       self.profile, tight_cover=self.levels[COVER] > 0)

    def stuck(self, too_long: Iterable[str]) -> list[str]:
        return sorted(name for name in too_long if name not in self.levels or
                      self.levels[name] == self.tightest[name])

    def step(self, too_long: Iterable[str]) -> None:
        """Each overflowing page to the next layout that changes it (a place has no photo to drop), or
        DoesNotFit if one is in its tightest already."""
        stuck = self.stuck(too_long)
        if stuck:
            raise DoesNotFit(Term("the A5 guide page"), str(self.trip.source), stuck)
        for name in too_long:
            self.levels[name] += 1
            if name == COVER:
                continue
            day, stop = self.stops[name]
            facts = _stop_facts(stop, day, self.language, self.site_url, self.layouts[self.levels[name] - 1],
                                qr=False)
            while self.levels[name] + 1 < len(self.layouts) and \
                    _stop_facts(stop, day, self.language, self.site_url, self.layouts[self.levels[name]],
                                qr=False) == facts:
                self.levels[name] += 1

    def probe(self, pending: Iterable[str]) -> None:
        """Step the pages of `pending` on in probe documents until each fits, or until one that overflows is
        in its tightest layout (then the whole guide, laid out in these layouts, raises DoesNotFit)."""
        pending = set(pending)
        while pending:
            laid_out = self.render(pending, {})
            too_long = [name for name in document.overflowing(laid_out) if name in pending or name not in self.levels]
            if self.stuck(too_long):
                return
            self.step(too_long)
            pending = set(too_long)


def _render(trip: Trip, language: str, site_url: str, crop_marks: bool, layouts: dict[str, Layout],
            routes: dict[int, object], profile: str = press.SCREEN, tight_cover: bool = False):
    context = {
        "tight_cover": tight_cover,
        "language": language,
        "title": f"{trip.name(language)} — {t('guide', language)}",
        "piece": "guide",
        "font_pt": FONT_PT,
        "crop_marks": crop_marks,
        "labels": Labels(language),
        "trip": _trip_facts(trip, language, site_url),
        "days": [_day_facts(day, language, routes[day.number]) for day in trip.days if day.number in routes],
        "stops": [_stop_facts(stop, day.number, language, site_url, layouts[_stop_id(day.number, stop)])
                  for day in trip.days for stop in day.stops if _stop_id(day.number, stop) in layouts],
        "route_mm": ROUTE_MM,
        "qr_mm": QR_MM,
        "qr_showroom_mm": QR_SHOWROOM_MM,
    }
    html = nfc(_templates().get_template("guide.html.j2").render(**context))
    fonts, stylesheets = document.stylesheets((document.TEMPLATES / "print.css", STYLESHEET), profile)
    folders = sorted({content_folder(product) for product in trip.products})
    return document.lay_out(html, TEMPLATES, fonts, stylesheets, document.page_css(A5, crop_marks), profile,
                            folders, "guide.html.j2")


def _trip_facts(trip: Trip, language: str, site_url: str) -> dict[str, object]:
    other = "en" if language == "vi" else "vi"
    days = len(trip.days)
    return {
        "name": trip.name(language),
        "other_name": trip.name(other),
        "other_language": other,
        "kind": t(TRIP_KINDS[trip.record.kind.value], language),
        "meta": " · ".join((t("trip_days", language, n=days), t("trip_stops", language, n=len(trip.stops)))),
        "summary": getattr(trip.record.summary, language),
        "url": _display(site_url, language, trip_page(trip.slug)),
        "home_url": _display(site_url, language, ""),
        "illustrative": any(stop.record.contact and stop.record.contact.illustrative for stop in trip.stops),
    }


def _route_map(day: TripDay, language: str):
    markers = [Marker(*stop.lat_lon, str(stop.number), stop.kind) for stop in day.stops]
    return map_svg(*ROUTE_MM, markers, language, around_markers=True, route=True, marker_mm=4.2)


def _day_facts(day: TripDay, language: str, route: object) -> dict[str, object]:
    kinds = list(dict.fromkeys(stop.kind for stop in day.stops))
    return {
        "number": day.number,
        "title": t("trip_day", language, n=day.number, title=getattr(day.title, language)),
        "route": route,
        "legend": [(kind, t(STOP_KINDS[kind], language)) for kind in kinds],
        "stops": [{"id": _stop_id(day.number, stop), "number": stop.number, "time": stop.record.time,
                   "name": stop.name(language), "kind": t(STOP_KINDS[stop.kind], language),
                   "travel": _travel(stop, language)}
                  for stop in day.stops],
    }


def _stop_facts(stop: TripStop, day: int, language: str, site_url: str, layout: Layout,
                qr: bool = True) -> dict[str, object]:
    """The stop page's facts in `layout`; without `qr`, no QR code is drawn (to compare layouts)."""
    record = stop.record
    limit = layout.story
    product = stop.product
    presented = [p for p in stop.shown if p is not product]
    contact = record.contact
    notes = getattr(record.notes, language) if record.notes else ""
    return {
        "id": _stop_id(day, stop),
        "day": day,
        "number": stop.number,
        "heading": t("stop_of_day", language, day=day, n=stop.number, time=record.time),
        "name": stop.name(language),
        "kind": t(STOP_KINDS[stop.kind], language) + (f" · {product.record.producer.name}" if product else ""),
        "photo": {"uri": product.image_path(0).resolve().as_uri(),
                  "alt": getattr(product.record.images[0].alt, language)} if product and layout.photo else None,
        "summary": getattr(product.record.summary, language) if product and layout.summary else "",
        "story": short_story(product, language, limit) if product and limit else [],
        "qr": (qr_svg(product, site_url, QR_MM) if qr else True) if product else None,
        "url": display_url(site_url, language, product.slug) if product else "",
        "activity": getattr(record.activity, language),
        "address": stop.address,
        "approximate": bool(stop.place and stop.place.illustrative),
        "contact": {"name": contact.name, "phone": contact.phone, "illustrative": contact.illustrative}
        if contact else None,
        "notes": notes if layout.notes_here else "",
        "notes_after": "" if layout.notes_here else notes,  # on the page after the stop page
        "travel": _travel(stop, language),
        "note_lines": 0 if product else layout.note_lines,
        # their summaries while the page has room for a story excerpt, or on the page(s) after it
        "presented": [{"name": p.name(language),
                       "summary": getattr(p.record.summary, language) if limit or not layout.presented_here else "",
                       "qr": qr_svg(p, site_url, QR_SHOWROOM_MM) if qr else True,
                       "url": display_url(site_url, language, p.slug)}
                      for p in presented],
        "presented_after": bool(presented) and not layout.presented_here,
    }


def _travel(stop: TripStop, language: str) -> str:
    minutes = stop.record.travel_minutes
    return t("trip_travel", language, n=minutes) if minutes is not None else t("trip_day_end", language)


def _stop_id(day: int, stop: TripStop) -> str:
    return f"stop-{day}-{stop.number}"


def _display(site_url: str, language: str, page: str) -> str:
    product_url = display_url(site_url, language, "x")  # host and path as printed, without the scheme
    return product_url.removesuffix(urls.product_page("x")) + page


@cache
def _templates() -> Environment:
    loader = ChoiceLoader([FileSystemLoader(TEMPLATES), FileSystemLoader(document.TEMPLATES)])
    return Environment(loader=loader, autoescape=True, trim_blocks=True, lstrip_blocks=True)

