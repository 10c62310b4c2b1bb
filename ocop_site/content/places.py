"""Places in content files: an official commune of Quảng Ngãi, coordinates inside the province."""

from __future__ import annotations

from ocop_site.content import localities, placeholders
from ocop_site.content.reader import lookup
from ocop_site.content.yaml_source import Document
from ocop_site.problems import Problems


def check_place(problems: Problems, shown: str, doc: Document, at: tuple[str | int, ...] = ()) -> None:
    """An official commune at `at`.locality.commune and coordinates inside the province at
    `at`.coordinates (a product record, a showroom, a trip stop)."""
    commune = lookup(doc.data, *at, "locality", "commune")
    if isinstance(commune, str) and commune.strip() and not localities.is_official(commune) \
            and not placeholders.is_placeholder(commune):
        suggestion = localities.suggest(commune)
        line = doc.line_of((*at, "locality", "commune"))
        if suggestion:
            problems.error(shown, line,
                           "'{commune}' is not a commune, ward or special zone of Quảng Ngãi "
                           "(did you mean '{suggestion}'?)",
                           "write '{suggestion}'; put the old district name in 'former_district'",
                           commune=commune, suggestion=suggestion)
        else:
            problems.error(shown, line, "'{commune}' is not a commune, ward or special zone of Quảng Ngãi",
                           "use the official name since July 2025, with its prefix (Xã, Phường or Đặc khu)",
                           commune=commune)
    lat, lon = lookup(doc.data, *at, "coordinates", "lat"), lookup(doc.data, *at, "coordinates", "lon")
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)) and \
            not localities.inside_province(lat, lon):
        problems.error(shown, doc.line_of((*at, "coordinates")),
                       "coordinates {lat}, {lon} are outside Quảng Ngãi",
                       "check that 'lat' (about 14-15.5) and 'lon' (about 107.3-109.2) are not swapped or mistyped",
                       lat=lat, lon=lon)
