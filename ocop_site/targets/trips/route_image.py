"""A static route sketch of one day for print, drawn with Pillow: numbered stops joined in order by
straight lines, with a scale bar and a north arrow. No map tiles: the guide is printed offline and
needs no third-party data; the stop numbers match the itinerary beside the sketch.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageDraw

from ocop_site.targets.share.fonts import font

DPI = 300
KM_PER_DEGREE = 111.32
PAPER, INK, ROUTE, GRID = (244, 239, 228), (31, 31, 31), (47, 107, 58), (222, 214, 198)
MARKER = {"product": (36, 79, 44), "showroom": (164, 38, 44), "place": (13, 71, 161)}
NICE_KM = (0.5, 1, 2, 5, 10, 20, 50, 100)
MIN_SPAN_KM = 2.0  # a day within one village still gets a readable sketch
NORTH = {"vi": "B", "en": "N"}


def route_png(stops: list[tuple[float, float, str]], width_mm: float, height_mm: float, language: str) -> bytes:
    """PNG at DPI of the stops (lat, lon, kind) in order. Same stops, same bytes."""
    width, height = round(width_mm / 25.4 * DPI), round(height_mm / 25.4 * DPI)
    image = Image.new("RGB", (width, height), PAPER)
    draw = ImageDraw.Draw(image)
    project, km_to_px = _projection(stops, width, height)
    _grid(draw, width, height, km_to_px)
    points = [project(lat, lon) for lat, lon, _ in stops]
    unit = width / 150  # about 0.85 mm at 148 mm wide
    if len(points) > 1:
        draw.line(points, fill=ROUTE, width=round(unit * 3), joint="curve")
    radius = round(unit * 7)
    markers = _spread(points, radius, width, height)
    for (x, y), (mx, my) in zip(points, markers, strict=True):
        dot = unit * 1.4
        draw.ellipse((x - dot, y - dot, x + dot, y + dot), fill=INK)
        if math.dist((x, y), (mx, my)) > radius / 2:  # moved off a neighbour: a leader line to the real place
            draw.line((x, y, mx, my), fill=INK, width=round(unit * 0.8))
    for number, ((x, y), (_, _, kind)) in enumerate(zip(markers, stops, strict=True), start=1):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=MARKER.get(kind, ROUTE),
                     outline=(255, 255, 255), width=round(unit * 1.2))
        draw.text((x, y), str(number), fill=(255, 255, 255), font=font(700, round(radius * 1.1)), anchor="mm")
    _scale_bar(draw, width, height, km_to_px, unit)
    _north_arrow(draw, width, unit, language)
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(DPI, DPI), optimize=True)
    return out.getvalue()


def _projection(stops: list[tuple[float, float, str]], width: int, height: int):
    """Equirectangular projection around the stops' centre, fitted into the picture with a margin."""
    lats = [lat for lat, _, _ in stops]
    lons = [lon for _, lon, _ in stops]
    centre_lat, centre_lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
    x_scale = KM_PER_DEGREE * math.cos(math.radians(centre_lat))
    span_x = max((max(lons) - min(lons)) * x_scale, MIN_SPAN_KM)
    span_y = max((max(lats) - min(lats)) * KM_PER_DEGREE, MIN_SPAN_KM)
    km_to_px = min(width * 0.7 / span_x, height * 0.6 / span_y)

    def project(lat: float, lon: float) -> tuple[float, float]:
        return (width / 2 + (lon - centre_lon) * x_scale * km_to_px,
                height / 2 - (lat - centre_lat) * KM_PER_DEGREE * km_to_px)

    return project, km_to_px


def _spread(points: list[tuple[float, float]], radius: float, width: int, height: int) -> list[tuple[float, float]]:
    """Marker centres near their stops but not on top of each other: stops a few hundred metres apart
    on a day's sketch would hide each other's numbers. Pushes overlapping pairs apart, a fixed number
    of rounds (deterministic)."""
    spread = [list(point) for point in points]
    gap = radius * 2.4
    for _ in range(80):
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
            marker[0] = min(max(marker[0], radius * 1.5), width - radius * 1.5)
            marker[1] = min(max(marker[1], radius * 1.5), height - radius * 1.5)
    return [(x, y) for x, y in spread]


def _nice_km(km_to_px: float, width: int) -> float:
    """The longest round distance that fits in a quarter of the width."""
    fitting = [km for km in NICE_KM if km * km_to_px <= width / 4]
    return fitting[-1] if fitting else NICE_KM[0]


def _grid(draw: ImageDraw.ImageDraw, width: int, height: int, km_to_px: float) -> None:
    step = _nice_km(km_to_px, width) * km_to_px
    for index in range(1, math.ceil(max(width, height) / step)):
        offset = round(index * step)
        draw.line((offset, 0, offset, height), fill=GRID, width=2)
        draw.line((0, offset, width, offset), fill=GRID, width=2)


def _scale_bar(draw: ImageDraw.ImageDraw, width: int, height: int, km_to_px: float, unit: float) -> None:
    km = _nice_km(km_to_px, width)
    left, bottom, length = round(unit * 6), height - round(unit * 6), round(km * km_to_px)
    draw.rectangle((left, bottom - round(unit * 1.5), left + length, bottom), fill=INK)
    text = f"{km:g} km"
    draw.text((left, bottom - round(unit * 3)), text, fill=INK, font=font(700, round(unit * 5)), anchor="ls")


def _north_arrow(draw: ImageDraw.ImageDraw, width: int, unit: float, language: str) -> None:
    x, top = width - round(unit * 10), round(unit * 6)
    size = round(unit * 5)
    draw.polygon([(x, top), (x - size // 2, top + size * 1.4), (x + size // 2, top + size * 1.4)], fill=INK)
    draw.text((x, top + size * 1.6), NORTH[language], fill=INK, font=font(700, round(unit * 5)), anchor="mt")
