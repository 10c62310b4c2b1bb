"""Trip pages: the trips index (/trips/) and one page per famtrip or presstrip (/trips/<slug>/), with
the itinerary day by day, a route map per day, and links to each stop's product story."""

from __future__ import annotations

from collections.abc import Iterator

from markupsafe import Markup

from ocop_site.i18n import N_, t
from ocop_site.model.catalog import collation_key
from ocop_site.model.trips import Trip, TripDay
from ocop_site.targets.site import urls
from ocop_site.targets.site.maps import MapPoint, map_figure
from ocop_site.targets.site.renderer import PageRenderer
from ocop_site.targets.trips.paths import TRIPS_INDEX, trip_guide, trip_page

MARKER_KINDS = {"product": "producer", "showroom": "showroom", "place": "stop"}


def trip_pages(tree: PageRenderer) -> Iterator[tuple[str, str]]:
    """(docs path, Markdown) of the index and of every trip. The index is written even without trips:
    the navigation links to it."""
    language = tree.language
    trips = sorted(tree.catalog.trips.values(), key=lambda t: (collation_key(t.name(language)), t.slug))
    yield urls.docs_file(TRIPS_INDEX), tree.render("trips.md.j2", TRIPS_INDEX, trips=trips, meta=_meta,
                                                    trip_page=trip_page)
    for trip in trips:
        page = trip_page(trip.slug)
        yield urls.docs_file(page), _render_trip(tree, trip, page)


def _render_trip(tree: PageRenderer, trip: Trip, page: str) -> str:
    language = tree.language
    other = "en" if language == "vi" else "vi"
    routes = {day.number: _route(tree, day, page) for day in trip.days}
    return tree.render("trip.md.j2", page, trip=trip, record=trip.record, meta=_meta(trip, language), routes=routes,
                        guides=[(lang, trip_guide(trip.slug, lang)) for lang in (language, other)],
                        marker_kinds=MARKER_KINDS)


def _route(tree: PageRenderer, day: TripDay, page: str) -> Markup:
    """The day's stops on a map (drawn only when the visitor opens it), as a numbered list with travel times."""
    language = tree.language
    points = []
    for stop in day.stops:
        lat, lon = stop.lat_lon
        href = urls.relative(page, urls.product_page(stop.product.slug)) if stop.product else None
        travel = stop.record.travel_minutes
        note = t("trip_travel", language, n=travel) if travel is not None else t("trip_day_end", language)
        points.append(MapPoint(lat, lon, f"{stop.record.time} · {stop.name(language)}", href, note,
                               MARKER_KINDS[stop.kind]))
    return map_figure(points, language, tiles=tree.catalog.site.map_tiles, route=True,
                      list_id=f"ocop-route-day-{day.number}")


TRIP_KINDS = {"famtrip": N_("trip_famtrip"), "presstrip": N_("trip_presstrip")}


def _meta(trip: Trip, language: str) -> str:
    days = len(trip.days)
    return " · ".join((t(TRIP_KINDS[trip.record.kind.value], language), t("trip_days", language, n=days),
                       t("trip_stops", language, n=len(trip.stops))))
