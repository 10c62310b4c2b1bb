"""Share cards: a 1200×630 JPEG per product and language for Open Graph / Twitter previews.

A dark panel on the left carries the text, the hero photo fills the right. `card_layout` places
every line and shape (pure data, so tests can check that nothing leaves the panel), `card_image`
paints it, `share_card` encodes it. All text is measured by its ink, so no glyph is ever clipped:
a name shrinks and wraps (up to three lines; the other texts give up their second lines if need
be), and only a name too long for three lines at the smallest size is cut with an ellipsis.

A product whose certificate has expired gets no stars: a red badge "OCOP certificate expired on …"
takes the rating's place (the flyer's wording and date, docs/printables.md), never cut.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image, ImageDraw, ImageOps

from ocop_site.i18n import LANGUAGES, t, written_date
from ocop_site.targets.share.fonts import font, font_covers
from ocop_site.targets.share.text import balance, cut, ink

__all__ = ["HEIGHT", "PAD", "PANEL", "WIDTH", "Line", "Shape", "card_image", "card_layout", "font_covers", "share_card"]

WIDTH, HEIGHT = 1200, 630
PANEL = 640  # width of the text panel; the photo fills the rest
PAD = 56  # margin of the panel that no ink enters
TEXT_WIDTH = PANEL - 2 * PAD
JPEG = {"format": "JPEG", "quality": 85, "optimize": True, "subsampling": 0}  # 4:4:4 keeps text crisp

RGB = tuple[int, int, int]
GREEN: RGB = (31, 74, 40)  # the site's dark green, a little deeper
WHITE: RGB = (255, 255, 255)
MUTED: RGB = (205, 225, 208)
GOLD: RGB = (245, 192, 74)
RED: RGB = (164, 38, 44)  # the site's "Expired" badge (--ocop-red)
NAME_SIZES = range(84, 35, -2)
ONE_LINE_SIZES = range(84, 63, -2)  # a short name stays on one line if it can stay this large
NAME_GAP = 0.4  # between the name and the other name, in the name's em: like between its lines
MIDDLE_GAP = 30  # at least this above and below the names
SUPERSAMPLE = 4  # shapes are drawn this many times larger, then reduced: smooth edges


@dataclass(frozen=True)
class Line:
    """One line of text; `y` is its baseline, and the ink starts exactly at `x`."""

    role: str
    text: str
    weight: int
    size: int
    x: float
    y: float
    fill: RGB

    def box(self) -> tuple[float, float, float, float]:
        left, top, right, bottom = ink(self.text, self.weight, self.size)
        return self.x + left, self.y + top, self.x + right, self.y + bottom


@dataclass(frozen=True)
class Shape:
    """A filled (or outlined) polygon: stars, the place pin."""

    role: str
    points: tuple[tuple[float, float], ...]
    fill: RGB | None = None
    outline: RGB | None = None

    def box(self) -> tuple[float, float, float, float]:
        xs, ys = [x for x, _ in self.points], [y for _, y in self.points]
        return min(xs), min(ys), max(xs), max(ys)


Item = Line | Shape


def share_card(name: str, other_name: str, stars: int, locality: str, group: str, site_title: str,
               photo: Path | Image.Image, language: str, *, expired: dt.date | None = None) -> bytes:
    """The card as JPEG bytes: no metadata, the same bytes for the same input. `photo`: the photo's file,
    or what `card_photo` made of it (a product's two cards decode their photo once). `expired`: the day
    the certificate ended, if it has."""
    out = io.BytesIO()
    card = card_image(name, other_name, stars, locality, group, site_title, photo, language, expired=expired)
    card.save(out, **JPEG)
    return out.getvalue()


def card_image(name: str, other_name: str, stars: int, locality: str, group: str, site_title: str,
               photo: Path | Image.Image, language: str, *, expired: dt.date | None = None) -> Image.Image:
    image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
    image.paste(photo if isinstance(photo, Image.Image) else card_photo(Path(photo)), (PANEL, 0))
    draw = ImageDraw.Draw(image)
    for item in card_layout(name, other_name, stars, locality, group, site_title, language, expired=expired):
        if isinstance(item, Line):
            draw.text((item.x, item.y), item.text, font=font(item.weight, item.size), fill=item.fill, anchor="ls")
        else:
            _paint(image, item)
    return image


def card_layout(name: str, other_name: str, stars: int, locality: str, group: str, site_title: str,
                language: str, *, expired: dt.date | None = None) -> list[Item]:
    """Every line and shape of the panel, placed; raises ValueError for a glyph the font lacks.
    `expired`: the day the certificate ended, if it has: the expiry badge replaces the stars."""
    if language not in LANGUAGES:
        raise ValueError(f"share cards are drawn in {sorted(LANGUAGES)}, not {language!r}")
    if not 1 <= stars <= 5:
        raise ValueError(f"an OCOP rating has 1 to 5 stars, not {stars}")
    name, other_name, locality, group, site_title = (unicodedata.normalize("NFC", " ".join(text.split()))
                                                     for text in (name, other_name, locality, group, site_title))
    if not all((name, other_name, locality, group, site_title)):
        raise ValueError("a share card needs a name, other name, locality, group and site title, none empty")
    label = t("expired", language, date=written_date(expired, language)) if expired else t("stars", language, n=stars)
    for text, weight in ((name, 700), (other_name, 400), (locality, 700), (group, 400), (site_title, 700),
                         (label, 700)):
        if missing := font_covers(text, weight):
            raise ValueError(f"the share-card font has no glyph for {' '.join(missing)} in {text!r}")

    # Top: a gold bar and the site title.
    bar = _block([Shape("bar", _rectangle(0, 0, 56, 6), fill=GOLD)])
    top = _stack([bar, _text("title", site_title, 700, _fits(range(26, 21, -1), 2), TEXT_WIDTH, MUTED)], gap=18)
    # Middle: the name as large as fits, then the other name; bottom: the rating, the place, the group.
    # A name too long for the room takes the room of the other texts' second lines.
    for most_lines in (2, 1):
        other = _text("other_name", other_name, 400, _fits(range(34, 25, -2), most_lines), TEXT_WIDTH, MUTED)
        rating = _expired_block(label) if expired else _rating_block(stars, label)
        bottom = _stack([rating, _place_block(locality, most_lines),
                         _text("group", group, 400, _fits(range(26, 21, -1), most_lines), TEXT_WIDTH, MUTED)],
                        gap=(22, 12))
        room = HEIGHT - 2 * PAD - top[1] - bottom[1] - 2 * MIDDLE_GAP
        name_room = room - other[1] - NAME_GAP * NAME_SIZES[0]
        if heading := _fit("name", name, 700, [(ONE_LINE_SIZES, 1), (NAME_SIZES, 3)], TEXT_WIDTH, WHITE, name_room):
            break
    else:
        heading = _cut_block("name", name, 700, NAME_SIZES[-1], TEXT_WIDTH, 3, WHITE, name_room)
    name_size = max(item.size for item in heading[0] if isinstance(item, Line))
    names = _stack([heading, other], gap=round(NAME_GAP * name_size))

    middle_top = PAD + top[1] + MIDDLE_GAP + max(0, (room - names[1]) // 2)  # centred in the room left
    return (_moved(top[0], PAD, PAD) + _moved(names[0], PAD, middle_top)
            + _moved(bottom[0], PAD, HEIGHT - PAD - bottom[1]))


# --- blocks: items placed from (0, 0), with the block's height ------------------------------------

Block = tuple[list[Item], float]
Fit = tuple[range, int]  # sizes to try, largest first, and the most lines allowed


def _block(items: list[Item]) -> Block:
    """Items moved so that their ink starts at y = 0."""
    top = min(item.box()[1] for item in items)
    bottom = max(item.box()[3] for item in items)
    return _moved(items, 0, -top), bottom - top


def _stack(blocks: list[Block], gap: float | tuple[float, ...]) -> Block:
    gaps = gap if isinstance(gap, tuple) else (gap,) * len(blocks)
    items: list[Item] = []
    y = 0.0
    for index, (block, height) in enumerate(blocks):
        if index:
            y += gaps[index - 1]
        items += _moved(block, 0, y)
        y += height
    return items, y


def _moved(items: list[Item], dx: float, dy: float) -> list[Item]:
    return [replace(item, x=item.x + dx, y=item.y + dy) if isinstance(item, Line)
            else replace(item, points=tuple((x + dx, y + dy) for x, y in item.points)) for item in items]


def _fits(sizes: range, most_lines: int) -> list[Fit]:
    """One line at any of the sizes, else two, … up to `most_lines`."""
    return [(sizes, count) for count in range(1, most_lines + 1)]


def _text(role: str, text: str, weight: int, fits: list[Fit], width: float, fill: RGB) -> Block:
    sizes, max_lines = fits[-1]
    return _fit(role, text, weight, fits, width, fill) or _cut_block(role, text, weight, sizes[-1], width,
                                                                     max_lines, fill)


def _fit(role: str, text: str, weight: int, fits: list[Fit], width: float, fill: RGB,
         max_height: float = HEIGHT) -> Block | None:
    """The text at the largest size of the first fit whose lines fit the width, the line count and the height."""

    def fitted(size: int, max_lines: int) -> Block | None:
        lines = balance(text, weight, size, width)
        if not lines or len(lines) > max_lines:
            return None
        block = _lines_block(role, lines, weight, size, fill)
        return block if block[1] <= max_height else None

    for sizes, max_lines in fits:
        # Binary search: a smaller size never needs more room (sizes go down).
        low, high, best = 0, len(sizes) - 1, None
        while low <= high:
            middle = (low + high) // 2
            if block := fitted(sizes[middle], max_lines):
                best, high = block, middle - 1
            else:
                low = middle + 1
        if best:
            return best
    return None


def _cut_block(role: str, text: str, weight: int, size: int, width: float, max_lines: int, fill: RGB,
               max_height: float = HEIGHT) -> Block:
    """Text that fits at no size: cut (`text.cut`) into as many lines as the height allows, at least one."""
    for count in range(max_lines, 0, -1):
        block = _lines_block(role, cut(text, weight, size, width, count), weight, size, fill)
        if block[1] <= max_height:
            break
    return block


def _lines_block(role: str, lines: list[str], weight: int, size: int, fill: RGB) -> Block:
    """Lines 1.2 em apart, further when marks above and descenders below would touch."""
    items: list[Item] = []
    baseline = below = 0.0
    for index, text in enumerate(lines):
        left, top, _, bottom = ink(text, weight, size)
        if index:
            baseline += max(1.2 * size, below - top + 0.08 * size)
        items.append(Line(role, text, weight, size, -min(left, 0), baseline, fill))
        below = bottom
    return _block(items)


def _rating_block(stars: int, label: str) -> Block:
    radius, step = 19, 44
    shapes: list[Item] = [Shape("star", _star(radius + i * step, radius, radius),
                                fill=GOLD if i < stars else None, outline=None if i < stars else GOLD)
                          for i in range(5)]
    x = 5 * step + 10
    text = _text("rating", label, 700, [(range(30, 19, -2), 1)], TEXT_WIDTH - x, GOLD)
    return _block(shapes + _moved(text[0], x, radius - text[1] / 2))  # the label centred on the stars


def _expired_block(label: str) -> Block:
    """White on a red badge, never cut: on one line if that leaves it large, else in up to three lines."""
    pad_x, pad_y = 18, 14
    text = _fit("expired", label, 700, [(range(26, 23, -2), 1), (range(26, 19, -2), 3)], TEXT_WIDTH - 2 * pad_x,
                WHITE)
    if text is None:
        raise ValueError(f"the share card has no room for {label!r}")
    width = max(item.box()[2] for item in text[0]) + 2 * pad_x
    badge = Shape("expired_badge", _rounded_rectangle(0, 0, width, text[1] + 2 * pad_y, 8), fill=RED)
    return [badge, *_moved(text[0], pad_x, pad_y)], text[1] + 2 * pad_y


def _place_block(locality: str, most_lines: int) -> Block:
    radius = 9
    x = 2 * radius + 14
    text = _text("locality", locality, 700, _fits(range(28, 21, -2), most_lines), TEXT_WIDTH - x, WHITE)
    head = text[0][0].y + 2 - 2.3 * radius  # the pin's point on the first line's baseline
    pin = [Shape("pin", _pin(radius, head, radius), fill=GOLD),
           Shape("pin", _circle(radius, head, radius * 0.4), fill=GREEN)]
    return _block(pin + _moved(text[0], x, 0))


# --- shapes ----------------------------------------------------------------------------------------


def _star(cx: float, cy: float, radius: float) -> tuple[tuple[float, float], ...]:
    return tuple((cx + r * math.cos(a), cy + r * math.sin(a))
                 for i in range(10)
                 for r, a in [(radius if i % 2 == 0 else radius * 0.42, -math.pi / 2 + i * math.pi / 5)])


def _circle(cx: float, cy: float, radius: float, steps: int = 32) -> tuple[tuple[float, float], ...]:
    return tuple((cx + radius * math.cos(2 * math.pi * i / steps), cy + radius * math.sin(2 * math.pi * i / steps))
                 for i in range(steps))


def _pin(cx: float, cy: float, radius: float) -> tuple[tuple[float, float], ...]:
    """A map pin: the round head, then a point 1.3 radii below it (y grows downwards)."""
    arc = [math.radians(a) for a in range(140, 401, 10)]  # lower left, over the top, to lower right
    return (*((cx + radius * math.cos(a), cy + radius * math.sin(a)) for a in arc), (cx, cy + 2.3 * radius))


def _rectangle(x0: float, y0: float, x1: float, y1: float) -> tuple[tuple[float, float], ...]:
    return (x0, y0), (x1, y0), (x1, y1), (x0, y1)


def _rounded_rectangle(x0: float, y0: float, x1: float, y1: float,
                       radius: float) -> tuple[tuple[float, float], ...]:
    corners = ((x1 - radius, y0 + radius, -90), (x1 - radius, y1 - radius, 0), (x0 + radius, y1 - radius, 90),
               (x0 + radius, y0 + radius, 180))  # clockwise from the top right, each a quarter turn
    return tuple((cx + radius * math.cos(angle), cy + radius * math.sin(angle))
                 for cx, cy, start in corners for angle in (math.radians(start + step) for step in range(0, 91, 15)))


def _paint(image: Image.Image, shape: Shape) -> None:
    """Draw the shape supersampled in its own small mask, then blend its colour through the mask."""
    x0, y0, x1, y1 = shape.box()
    left, top, right, bottom = math.floor(x0) - 2, math.floor(y0) - 2, math.ceil(x1) + 2, math.ceil(y1) + 2
    size = ((right - left) * SUPERSAMPLE, (bottom - top) * SUPERSAMPLE)
    mask = Image.new("L", size, 0)
    points = [((x - left) * SUPERSAMPLE, (y - top) * SUPERSAMPLE) for x, y in shape.points]
    if shape.fill:
        ImageDraw.Draw(mask).polygon(points, fill=255)
    else:
        ImageDraw.Draw(mask).polygon(points, outline=255, width=int(2.5 * SUPERSAMPLE))
    mask = mask.resize((right - left, bottom - top), Image.Resampling.BOX)
    image.paste(shape.fill or shape.outline or WHITE, (left, top, right, bottom), mask)


# --- photo -----------------------------------------------------------------------------------------


def card_photo(path: Path) -> Image.Image:
    """The photo as the card shows it, right of the panel."""
    return _fill_photo(path, (WIDTH - PANEL, HEIGHT))


def _fill_photo(path: Path, size: tuple[int, int]) -> Image.Image:
    """The photo scaled and centre-cropped to cover `size`, upright, in RGB."""
    with Image.open(path) as photo:
        orientation = photo.getexif().get(0x0112, 1)
        width, height = photo.size
        upright_width, upright_height = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
        scale = max(size[0] / upright_width, size[1] / upright_height)
        photo.draft("RGB", (math.ceil(width * scale), math.ceil(height * scale)))  # JPEG: decode at 1/2, 1/4…
        upright = ImageOps.exif_transpose(photo) if orientation != 1 else photo  # …if that still covers
        if upright.mode != "RGB":
            upright = upright.convert("RGB")
        return ImageOps.fit(upright, size, Image.Resampling.BICUBIC)
