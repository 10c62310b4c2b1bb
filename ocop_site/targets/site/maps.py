"""Maps that cost nothing until a visitor asks for them.

A map is a plain list of places first (it works without JavaScript, without a network, and in
print); each list item carries its coordinates. `assets/ocop.js` adds an "Open the map" button to
every `.ocop-map` figure and, on a press, loads the self-hosted Leaflet (`assets/leaflet/`) and
only then the background tiles from the tile server set in site.yaml (`map_tiles`).
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from markupsafe import Markup, escape

from ocop_site.content.records import MapTiles
from ocop_site.i18n import t


@dataclass(frozen=True)
class MapPoint:
    lat: float
    lon: float
    title: str
    href: str | None = None  # a link relative to the page the map is on
    note: str = ""
    kind: str = "producer"  # producer | showroom | stop: the marker's colour


def map_canvas(tiles: MapTiles, language: str, places: str = "", route: bool = False) -> Markup:
    """The figure the script turns into a map. Its places are the `[data-lat]` items inside it, or
    those inside the element whose id is `places` (a list elsewhere on the page)."""
    host = urlsplit(tiles.url).hostname or tiles.url
    attributes = {
        "class": "ocop-map",
        "data-tiles": tiles.url,
        "data-attribution": tiles.attribution,
        "data-attribution-url": tiles.attribution_url,
        "data-open": t("map_open", language),
        "data-places": places,
        "data-route": "true" if route else "",
    }
    opening = " ".join(f'{name}="{escape(value)}"' for name, value in attributes.items() if value)
    return Markup(f'<figure {opening}><figcaption class="ocop-map__note">'
                  f'{escape(t("map_note", language, host=host))}</figcaption></figure>')


def place_item(point: MapPoint) -> Markup:
    """One place of a map's list: a link (or the name), its note, and its coordinates for the map."""
    name = Markup('<a href="{}">{}</a>').format(point.href, point.title) if point.href else escape(point.title)
    note = Markup(" · {}").format(point.note) if point.note else ""
    return Markup('<li data-lat="{:.5f}" data-lon="{:.5f}" data-kind="{}">{}{}</li>').format(
        point.lat, point.lon, point.kind, name, note)


def map_figure(points: list[MapPoint], language: str, *, tiles: MapTiles, route: bool = False,
               list_id: str = "ocop-map-places") -> Markup:
    """A map of `points` with its list of places (in order: a numbered list for a route, with the
    line drawn between them). `list_id` must be unique on the page; `tiles` is the site's
    `catalog.site.map_tiles`."""
    tag = "ol" if route else "ul"
    items = Markup("").join(place_item(point) for point in points)
    places = Markup('<{0} class="ocop-map__places" id="{1}" aria-label="{2}">{3}</{0}>').format(
        tag, list_id, t("map_places", language), items)
    return map_canvas(tiles, language, list_id, route) + places
