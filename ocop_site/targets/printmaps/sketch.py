"""Draw a map of Quảng Ngãi, or of part of it, as SVG sized in millimetres.

Layers, bottom up: land outside the province; the province (tinted); the sea, bounded by the coastline;
islands; rivers; boundaries (other provinces thin, the national border dash-dotted, the province's own
border a dashed green line); place names; markers with their numbers; a scale bar and a north arrow.

Projection: equirectangular around the middle latitude (at 15° N the error over the province is far
below a printed millimetre). Markers that would overlap are pushed apart a fixed number of rounds and a
leader line joins each moved marker to its true point, so every number stays readable and every point
exact. When three or more markers crowd into a small part of the map (a day on Lý Sơn seen from the
mainland), an inset in a free corner shows that part enlarged, framed on the map. Same input, same SVG:
no randomness, coordinates rounded to 0.01 mm.
"""

from __future__ import annotations

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup, escape

from ocop_site.i18n import N_, t

DATA = Path(__file__).parent / "data" / "quang-ngai.json"
KM_PER_DEGREE = 111.32
NICE_KM = (0.5, 1, 2, 5, 10, 20, 50, 100)
MIN_SPAN_KM = 6.0  # a day within one village still shows its coast or river
COLOURS = {
    "land": "#e8efe2", "province": "#f4efe4", "sea": "#cfe3ee", "water": "#7fb2cf", "border": "#999999",
    "province_border": "#2f6b3a", "ink": "#1f1f1f", "label": "#555555", "sea_label": "#4d7f9c",
    "product": "#2f6b3a", "showroom": "#a4262c", "place": "#1f5f8b", "white": "#ffffff", "route": "#b7791f",
}
# Place names printed on the province map: (lon, lat, catalogue key of the name, kind). Neighbours are
# named as the 2025 provinces they belong to.
PLACES = (
    (107.45, 15.35, N_("map_laos"), "country"),
    (107.85, 15.75, N_("map_da_nang"), "neighbour"),
    (108.55, 14.15, N_("map_gia_lai"), "neighbour"),
    (109.12, 15.47, N_("map_ly_son"), "island"),
)


@dataclass(frozen=True)
class Marker:
    """A point on the map: `label` is printed in it (a number, usually); `kind` sets its colour."""

    lat: float
    lon: float
    label: str
    kind: str = "product"  # product, showroom or place


@cache
def _geography() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def province_extent() -> tuple[float, float, float, float]:
    """lon min, lat min, lon max, lat max of the province (Lý Sơn included)."""
    data = _geography()
    points = [p for ring in data["province"] for p in ring] + [p for ring in data["islands"] for p in ring
                                                              if 109.0 < p[0] < 109.2 and 15.3 < p[1] < 15.5]
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points),
            max(p[1] for p in points))


def map_svg(width_mm: float, height_mm: float, markers: list[Marker], language: str, *,
            around_markers: bool = False, route: bool = False, names: bool = True,
            marker_mm: float = 3.2, inset: bool = True) -> Markup:
    """The map `width_mm` × `height_mm`: the whole province, or around the markers (`around_markers`); the
    markers joined in order by a line if `route`; an inset for a crowded cluster if `inset`."""
    return Markup(_svg(width_mm, height_mm, markers, language, around_markers=around_markers, route=route,
                       names=names, marker_mm=marker_mm, inset=inset))


def _svg(width_mm: float, height_mm: float, markers: list[Marker], language: str, *, around_markers: bool,
         route: bool, names: bool, marker_mm: float, inset: bool, x: float = 0, y: float = 0,
         frame_id: str = "frame") -> str:
    view = _View(width_mm, height_mm, _markers_extent(markers) if around_markers else province_extent())
    data = _geography()
    parts = [f'<rect width="{_n(width_mm)}" height="{_n(height_mm)}" fill="{COLOURS["land"]}"/>']
    parts += [_path(view.ring(ring), fill=COLOURS["province"]) for ring in data["province"]]
    parts.append(_path(view.sea(data["coast"]), fill=COLOURS["sea"]))
    parts += [_path(view.ring(ring), fill=COLOURS["province"], stroke=COLOURS["water"], width=0.15)
              for ring in data["islands"]]
    parts.append(_path(view.line(data["coast"]), stroke=COLOURS["water"], width=0.2))
    parts += [_path(view.line(line), stroke=COLOURS["water"], width=0.3) for line in data["rivers"]]
    parts += [_path(view.line(line), stroke=COLOURS["border"], width=0.15, dash="0.6 0.4")
              for line in data["boundaries"]["other"]]
    parts += [_path(view.line(line), stroke=COLOURS["border"], width=0.3, dash="1.2 0.5 0.3 0.5")
              for line in data["boundaries"]["national"]]
    parts += [_path(view.line(line), stroke=COLOURS["province_border"], width=0.45, dash="1.4 0.6")
              for line in data["boundaries"]["province"]]
    if names:
        parts += _place_names(view, language)
        parts += _sea_name(view, data["coast"], language)
    parts += _markers(view, markers, route, marker_mm)
    parts += _scale_bar(view)
    if frame_id == "frame":
        parts += _north_arrow(view, language)
    if inset:
        parts += _inset(view, markers, language, marker_mm)
    size = (f'width="{_n(width_mm)}mm" height="{_n(height_mm)}mm"' if frame_id == "frame"
            else f'x="{_n(x)}" y="{_n(y)}" width="{_n(width_mm)}" height="{_n(height_mm)}"')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="map" {size} '
            f'viewBox="0 0 {_n(width_mm)} {_n(height_mm)}" font-family="Be Vietnam Pro, Be Vietnam Pro Vietnamese">'
            f'<clipPath id="{frame_id}"><rect width="{_n(width_mm)}" height="{_n(height_mm)}"/></clipPath>'
            f'<g clip-path="url(#{frame_id})">{"".join(parts)}</g></svg>')


def _inset(view: _View, markers: list[Marker], language: str, marker_mm: float) -> list[str]:
    """An enlarged view of the most crowded cluster of markers, in the first corner free of markers, and a
    frame on the map around the part it enlarges."""
    points = [view.point(m.lon, m.lat) for m in markers]
    near = marker_mm * 2.5
    best: list[int] = []
    for point in points:
        cluster = [j for j, other in enumerate(points) if math.dist(point, other) < near * 1.5]
        if len(cluster) > len(best):
            best = cluster
    if len(best) < 3:
        return []
    width, height = view.width * 0.42, view.height * 0.5
    corners = ((view.width - width - 2, 2), (2, 2), (2, view.height - height - 2),
               (view.width - width - 2, view.height - height - 2))
    margin = marker_mm
    for left, top in corners:
        if not any(left - margin < px < left + width + margin and top - margin < py < top + height + margin
                   for px, py in points):
            break
    else:
        return []
    xs = [points[i][0] for i in best]
    ys = [points[i][1] for i in best]
    pad = marker_mm
    frame = (min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)
    inner = _svg(width, height, [markers[i] for i in best], language, around_markers=True, route=False,
                 names=False, marker_mm=marker_mm, inset=False, x=left, y=top, frame_id="inset")
    return [f'<rect x="{_n(frame[0])}" y="{_n(frame[1])}" width="{_n(frame[2])}" height="{_n(frame[3])}" '
            f'fill="none" stroke="{COLOURS["ink"]}" stroke-width="0.3"/>',
            f'<rect x="{_n(left - 0.4)}" y="{_n(top - 0.4)}" width="{_n(width + 0.8)}" height="{_n(height + 0.8)}" '
            f'fill="{COLOURS["white"]}"/>', inner,
            f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(width)}" height="{_n(height)}" fill="none" '
            f'stroke="{COLOURS["ink"]}" stroke-width="0.3"/>']


class _View:
    """Longitude and latitude → millimetres in the box, the extent centred with a margin."""

    def __init__(self, width: float, height: float, extent: tuple[float, float, float, float]) -> None:
        west, south, east, north = extent
        self.width, self.height = width, height
        self.middle_lat = (south + north) / 2
        self.x_scale = math.cos(math.radians(self.middle_lat))
        span_x = max((east - west) * self.x_scale, MIN_SPAN_KM / KM_PER_DEGREE)
        span_y = max(north - south, MIN_SPAN_KM / KM_PER_DEGREE)
        self.mm_per_degree = min(width * 0.84 / span_x, height * 0.84 / span_y)
        self.centre = ((west + east) / 2, (south + north) / 2)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        return (self.width / 2 + (lon - self.centre[0]) * self.x_scale * self.mm_per_degree,
                self.height / 2 - (lat - self.centre[1]) * self.mm_per_degree)

    def line(self, points: list) -> list[tuple[float, float]]:
        return [self.point(lon, lat) for lon, lat in points]

    def ring(self, points: list) -> list[tuple[float, float]]:
        return [*self.line(points), None]  # None closes the path

    def sea(self, coast: list) -> list:
        """The coastline closed far out to the east, past the box: the sea's outline. The coastline runs
        from south to north, the sea on its right."""
        first, last = coast[0], coast[-1]
        far = max(first[0], last[0]) + 10
        return [*self.line([[first[0], first[1] - 10], *coast, [last[0], last[1] + 10], [far, last[1] + 10],
                            [far, first[1] - 10]]), None]

    @property
    def km_to_mm(self) -> float:
        return self.mm_per_degree / KM_PER_DEGREE


def _markers_extent(markers: list[Marker]) -> tuple[float, float, float, float]:
    lons = [m.lon for m in markers]
    lats = [m.lat for m in markers]
    pad_lon = max((max(lons) - min(lons)) * 0.15, 0.01)
    pad_lat = max((max(lats) - min(lats)) * 0.15, 0.01)
    return min(lons) - pad_lon, min(lats) - pad_lat, max(lons) + pad_lon, max(lats) + pad_lat


def _path(points: list, fill: str = "none", stroke: str | None = None, width: float = 0.0,
          dash: str | None = None) -> str:
    commands, pen_up = [], True
    for point in points:
        if point is None:
            commands.append("Z")
            pen_up = True
            continue
        commands.append(("M" if pen_up else "L") + f"{_n(point[0])} {_n(point[1])}")
        pen_up = False
    attributes = f'fill="{fill}"'
    if stroke:
        attributes += (f' stroke="{stroke}" stroke-width="{_n(width)}" stroke-linejoin="round"'
                       f' stroke-linecap="round"')
    if dash:
        attributes += f' stroke-dasharray="{dash}"'
    return f'<path {attributes} d="{"".join(commands)}"/>'


def _place_names(view: _View, language: str) -> list[str]:
    size = max(1.8, min(2.8, view.width / 40))
    texts = []
    for lon, lat, name, kind in PLACES:
        x, y = view.point(lon, lat)
        if not (4 < x < view.width - 4 and 4 < y < view.height - 4):
            continue
        colour = COLOURS["sea_label"] if kind == "sea" else COLOURS["label"]
        style = ' font-style="italic"' if kind == "sea" else ""
        weight = 600 if kind in ("country", "sea") else 400
        texts.append(f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{colour}" '
                     f'font-weight="{weight}" text-anchor="middle"{style}>{escape(t(name, language))}</text>')
    return texts


def _sea_name(view: _View, coast: list, language: str) -> list[str]:
    """"Biển Đông" where there is sea enough: the first of a few spots on the right of the box that lies
    10 mm or more off the coast."""
    line = view.line(coast)
    name = t("map_east_sea", language)
    size = max(1.8, min(2.8, view.width / 40))
    for fx, fy in ((0.86, 0.55), (0.86, 0.75), (0.86, 0.35), (0.75, 0.85)):
        x, y = view.width * fx, view.height * fy
        coast_x = _coast_x(line, y)
        if coast_x is not None and x - coast_x > len(name) * size * 0.3 + 3:
            return [f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" fill="{COLOURS["sea_label"]}" '
                    f'font-weight="600" font-style="italic" text-anchor="middle">{escape(name)}</text>']
    return []


def _coast_x(line: list[tuple[float, float]], y: float) -> float | None:
    """The easternmost crossing of the coastline with the horizontal at `y` (the sea lies east of it)."""
    crossings = [a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1])
                 for a, b in itertools.pairwise(line) if (a[1] - y) * (b[1] - y) < 0]
    return max(crossings) if crossings else None


def _markers(view: _View, markers: list[Marker], route: bool, marker_mm: float) -> list[str]:
    points = [view.point(m.lon, m.lat) for m in markers]
    radius = marker_mm / 2
    placed = _spread(points, radius, view.width, view.height)
    parts = []
    if route and len(points) > 1:
        parts.append(_path(points, stroke=COLOURS["route"], width=0.7))
    for (x, y), (mx, my) in zip(points, placed, strict=True):
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="0.45" fill="{COLOURS["ink"]}"/>')
        if math.dist((x, y), (mx, my)) > radius * 0.6:  # moved off a neighbour: a leader to the true point
            parts.append(_path([(x, y), (mx, my)], stroke=COLOURS["ink"], width=0.2))
    for marker, (x, y) in zip(markers, placed, strict=True):
        colour = COLOURS.get(marker.kind, COLOURS["product"])
        font = radius * (1.15 if len(marker.label) < 3 else 0.85)
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(radius)}" fill="{colour}" '
                     f'stroke="{COLOURS["white"]}" stroke-width="0.3"/>')
        parts.append(f'<text x="{_n(x)}" y="{_n(y + font * 0.36)}" font-size="{_n(font)}" font-weight="700" '
                     f'fill="{COLOURS["white"]}" text-anchor="middle">{escape(marker.label)}</text>')
    return parts


def _spread(points: list[tuple[float, float]], radius: float, width: float, height: float) -> list[tuple[float, float]]:
    """Marker centres near their points but not on top of each other: pushes overlapping pairs apart, a
    fixed number of rounds (deterministic)."""
    spread = [list(point) for point in points]
    gap = radius * 2.25
    for _ in range(120):
        for i in range(len(spread)):
            for j in range(i + 1, len(spread)):
                dx, dy = spread[j][0] - spread[i][0], spread[j][1] - spread[i][1]
                distance = math.hypot(dx, dy)
                if distance >= gap:
                    continue
                if distance < 1e-6:  # the same place: fan out by order
                    dx, dy, distance = math.cos(j), math.sin(j), 1.0
                push = (gap - distance) / 2
                spread[i][0] -= dx / distance * push
                spread[i][1] -= dy / distance * push
                spread[j][0] += dx / distance * push
                spread[j][1] += dy / distance * push
        for marker in spread:
            marker[0] = min(max(marker[0], radius * 1.3), width - radius * 1.3)
            marker[1] = min(max(marker[1], radius * 1.3), height - radius * 1.3)
    return [(x, y) for x, y in spread]


def _scale_bar(view: _View) -> list[str]:
    fitting = [km for km in NICE_KM if km * view.km_to_mm <= view.width / 4]
    km = fitting[-1] if fitting else NICE_KM[0]
    length = km * view.km_to_mm
    left, bottom = 3.0, view.height - 3.0
    size = max(1.8, min(2.4, view.width / 45))
    return [f'<rect x="{_n(left)}" y="{_n(bottom - 0.8)}" width="{_n(length)}" height="0.8" fill="{COLOURS["ink"]}"/>',
            f'<text x="{_n(left)}" y="{_n(bottom - 1.5)}" font-size="{_n(size)}" font-weight="600" '
            f'fill="{COLOURS["ink"]}">{km:g} km</text>']


def _north_arrow(view: _View, language: str) -> list[str]:
    x, top, size = view.width - 5, view.height - 9.5, 2.6
    letter = {"vi": "B", "en": "N"}[language]
    return [_path([(x, top), (x - size / 2, top + size * 1.4), (x + size / 2, top + size * 1.4), None],
                  fill=COLOURS["ink"]),
            f'<text x="{_n(x)}" y="{_n(top + size * 1.4 + 2.6)}" font-size="2.2" font-weight="700" '
            f'fill="{COLOURS["ink"]}" text-anchor="middle">{letter}</text>']


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")
