"""Write ocop_site/targets/printmaps/data/quang-ngai.json, the geography the printed maps are drawn from.

Run once by a maintainer, not by the build (the JSON is committed, with its licences in
ocop_site/targets/printmaps/data/LICENSES.md). Sources, both from Debian packages:

- coastline, islands (Lý Sơn) and rivers: GSHHG 2.3.7, high resolution (package gmt-gshhg-high,
  LGPL-3+), read from GMT's binned netCDF-4 files (needs h5py: `pip install h5py`);
- province and national boundaries: Natural Earth 1:10m admin-1 v4.1.0 (public domain), as generalised in
  QGIS's world_map.gpkg (package qgis-common). The 2025 province of Quảng Ngãi is the former provinces of
  Quảng Ngãi and Kon Tum together.

    apt-get download gmt-gshhg-high qgis-common && dpkg -x gmt-gshhg-high_*.deb x && dpkg -x qgis-common_*.deb x
    python tools/extract_map_data.py x

Coordinates are rounded to 4 decimals (about 11 m) and thinned (Douglas-Peucker, TOLERANCE degrees): at the
scale of a printed province map (1 mm ≈ 2 km) nothing visible is lost, and the file stays small.
"""

from __future__ import annotations

import itertools
import json
import math
import sqlite3
import struct
import sys
from collections import Counter, defaultdict
from pathlib import Path

BBOX = (107.0, 13.4, 110.0, 16.1)  # lon min, lat min, lon max, lat max
TOLERANCE = 0.0015
TARGET = Path(__file__).resolve().parent.parent / "ocop_site" / "targets" / "printmaps" / "data" / "quang-ngai.json"
PROVINCE = ("Quảng Ngãi", "Kon Tum")  # Natural Earth names of the two former provinces
NAMES = {  # Natural Earth name → the names printed (the 2025 provinces the neighbours now belong to)
    "Quàng Nam": {"vi": "Đà Nẵng", "en": "Đà Nẵng"},
    "Gia Lai": {"vi": "Gia Lai", "en": "Gia Lai"},
    "Bình Định": {"vi": "Gia Lai", "en": "Gia Lai"},
}
COUNTRIES = {"LAO": {"vi": "Lào", "en": "Laos"}, "KHM": {"vi": "Campuchia", "en": "Cambodia"}}


def main(root: Path) -> None:
    gshhg = root / "usr/share/gmt-gshhg"
    coast, islands = _coast(gshhg / "binned_GSHHS_h.nc")
    rivers = _rivers(gshhg / "binned_river_h.nc")
    province, boundaries = _admin(root / "usr/share/qgis/resources/data/world_map.gpkg")
    data = {
        "bbox": BBOX,
        "attribution": "GSHHG 2.3.7 (Wessel & Smith, LGPL-3+); Natural Earth 1:10m admin-1 (public domain)",
        "coast": _thin(coast),
        "islands": [_thin(ring, 0.0002) for ring in islands],  # small: keep their shape when zoomed in
        "rivers": [_thin(line) for line in rivers if len(line) > 2],
        "province": [_thin(ring) for ring in province],
        "boundaries": {kind: [_thin(line) for line in lines] for kind, lines in boundaries.items()},
    }
    TARGET.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{TARGET}: {TARGET.stat().st_size} bytes")


def _segments(path: Path, levels: set[int]) -> list[list[tuple[float, float]]]:
    """Every segment of these levels in the 2° bins that overlap BBOX, as (lon, lat) lists."""
    import h5py

    with h5py.File(path) as f:
        value = {name: f[name][()] for name in f if not name.startswith("Dimension")}
    size = int(value["Bin_size_in_minutes"][0]) / 60
    columns = int(value["N_bins_in_360_longitude_range"][0])
    dx = value["Relative_longitude_from_SW_corner_of_bin"].astype("int64") & 0xFFFF
    dy = value["Relative_latitude_from_SW_corner_of_bin"].astype("int64") & 0xFFFF
    segments = []
    for row in range(int((90 - BBOX[3]) // size), math.ceil((90 - BBOX[1]) / size)):
        for column in range(int(BBOX[0] // size), math.ceil(BBOX[2] / size)):
            number = row * columns + column
            west, south = column * size, 90 - (row + 1) * size
            first = int(value["Id_of_first_segment_in_a_bin"][number])
            for segment in range(first, first + int(value["N_segments_in_a_bin"][number])):
                if "N_points_for_a_segment" in value:  # the river and border files keep them apart
                    count = int(value["N_points_for_a_segment"][segment])
                    level = int(value["Hierarchial_level_of_a_segment"][segment])
                else:
                    info = int(value["Embedded_npts_levels_exit_entry_for_a_segment"][segment])
                    count, level = info >> 9, (info >> 6) & 7
                if level not in levels:
                    continue
                start = int(value["Id_of_first_point_in_a_segment"][segment])
                segments.append([(west + int(x) * size / 65535, south + int(y) * size / 65535)
                                 for x, y in zip(dx[start:start + count], dy[start:start + count], strict=True)])
    return segments


def _coast(path: Path) -> tuple[list, list]:
    """The mainland's coastline (segments that cross bins, joined end to end) and the islands of more than a few
    points within BBOX."""
    segments = _segments(path, {1})
    closed = [s for s in segments if math.dist(s[0], s[-1]) < 1e-6]
    open_ = [s for s in segments if math.dist(s[0], s[-1]) >= 1e-6]
    coast = _join(open_)
    coast = max(coast, key=len)
    coast = [p for p in coast if BBOX[1] - 0.05 <= p[1] <= BBOX[3] + 0.05]
    islands = [ring for ring in closed if len(ring) >= 6 and _inside(ring[0])]
    return coast, islands


def _rivers(path: Path) -> list:
    return [line for line in _join(_segments(path, {1, 2})) if any(_inside(p) for p in line)]


def _join(segments: list) -> list:
    """Join segments whose end is another's start (bins cut the lines at their edges)."""
    lines = [list(s) for s in segments]
    joined = True
    while joined:
        joined = False
        for a in lines:
            for b in lines:
                if a is not b and math.dist(a[-1], b[0]) < 1e-4:
                    a.extend(b[1:])
                    lines.remove(b)
                    joined = True
                    break
            if joined:
                break
    return lines


def _admin(path: Path) -> tuple[list, dict]:
    """The province's outline (the two former provinces' polygons without their common edge) and the boundary
    lines between admin-1 units, sorted into the province's, national and other."""
    connection = sqlite3.connect(path)
    units = []
    for name, country, blob in connection.execute(
            "select name, adm0_a3, geom from states_provinces where adm0_a3 in ('VNM', 'LAO', 'KHM')"):
        for polygon in _polygons(blob):
            ring = polygon[0]
            if any(_inside(p, margin=0.5) for p in ring):
                units.append((name, country, ring))
    owners: dict[tuple, list] = defaultdict(list)
    for name, country, ring in units:
        for a, b in itertools.pairwise(ring):
            owners[_edge(a, b)].append((name, country))
    ours = Counter()
    for name, _, ring in units:
        if name in PROVINCE:
            for a, b in itertools.pairwise(ring):
                ours[_edge(a, b)] += 1
    outline = _chain([edge for edge, n in ours.items() if n == 1])
    kinds: dict[str, list] = {"province": [], "national": [], "other": []}
    for edge, sides in owners.items():
        if len(sides) < 2:
            continue  # a coast: GSHHG draws it
        names = {name for name, _ in sides}
        if len({country for _, country in sides}) > 1:
            kind = "national"
        elif len(names & set(PROVINCE)) == 1:
            kind = "province"
        elif names & set(PROVINCE):
            continue  # between the two former provinces: no longer a boundary
        else:
            kind = "other"
        kinds[kind].append(edge)
    return outline, {kind: _chain(edges) for kind, edges in kinds.items()}


def _edge(a, b) -> tuple:
    a, b = (round(a[0], 6), round(a[1], 6)), (round(b[0], 6), round(b[1], 6))
    return (a, b) if a <= b else (b, a)


def _chain(edges: list) -> list:
    """Edges → the fewest polylines (closed ones end where they start)."""
    joined = [[a, b] for a, b in edges]
    return [[list(p) for p in line] for line in _join_any(joined)]


def _join_any(lines: list) -> list:
    changed = True
    while changed:
        changed = False
        ends: dict[tuple, int] = {}
        for index, line in enumerate(lines):
            for end in (line[0], line[-1]):
                other = ends.get(end)
                if other is not None and other != index:
                    a, b = lines[other], line
                    if a[-1] == b[0]:
                        merged = a + b[1:]
                    elif a[-1] == b[-1]:
                        merged = a + b[::-1][1:]
                    elif a[0] == b[-1]:
                        merged = b + a[1:]
                    else:
                        merged = b[::-1] + a[1:]
                    lines = [line for i, line in enumerate(lines) if i not in (index, other)] + [merged]
                    changed = True
                    break
                ends[end] = index
            if changed:
                break
    return lines


def _polygons(blob: bytes) -> list:
    """GeoPackage geometry (polygon or multipolygon) → lists of rings of (lon, lat)."""
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
    data, position = blob[8 + envelope:], 0

    def read(fmt: str, order: str):
        nonlocal position
        values = struct.unpack_from(order + fmt, data, position)
        position += struct.calcsize(order + fmt)
        return values

    def geometry() -> list:
        nonlocal position
        order = "<" if data[position] == 1 else ">"
        position += 1
        (kind,) = read("I", order)
        (count,) = read("I", order)
        if kind == 3:
            return [[[read("dd", order) for _ in range(read("I", order)[0])] for _ in range(count)]]
        if kind == 6:
            return [polygon for _ in range(count) for polygon in geometry()]
        raise ValueError(f"geometry type {kind}")

    return geometry()


def _inside(point, margin: float = 0.0) -> bool:
    lon, lat = point
    return BBOX[0] - margin <= lon <= BBOX[2] + margin and BBOX[1] - margin <= lat <= BBOX[3] + margin


def _thin(points, tolerance: float = TOLERANCE) -> list:
    kept = _douglas_peucker([tuple(p) for p in points], tolerance)
    return [[round(lon, 4), round(lat, 4)] for lon, lat in kept]


def _douglas_peucker(points: list, tolerance: float) -> list:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = math.hypot(x2 - x1, y2 - y1)
    far, index = 0.0, 0
    for i, (x, y) in enumerate(points[1:-1], start=1):
        d = (abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length) if length else math.hypot(x - x1, y - y1)
        if d > far:
            far, index = d, i
    if far <= tolerance:
        return [points[0], points[-1]]
    return _douglas_peucker(points[:index + 1], tolerance)[:-1] + _douglas_peucker(points[index:], tolerance)


if __name__ == "__main__":
    main(Path(sys.argv[1]))
