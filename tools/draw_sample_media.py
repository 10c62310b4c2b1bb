"""Draw the sample illustrations for the OCOP Stories sample content.

Every product in content/products/ gets two simple, flat illustrations drawn with Pillow:

    content/media/<slug>/hero.jpg     1800 x 1200
    content/media/<slug>/detail.jpg   1200 x 1200

The pictures are illustrations, not photos: the alt texts in the product records describe what is
drawn here, so keep the two in step when a scene changes.

The output is deterministic: randomness comes from random.Random seeded with a CRC of the slug, and
the JPEGs carry no EXIF or timestamps. Run from the repository root:

    python tools/draw_sample_media.py            # all products
    python tools/draw_sample_media.py ly-son-garlic go-co-village
"""

from __future__ import annotations

import itertools
import math
import random
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "content" / "media"
SS = 2  # supersampling factor: draw large, scale down for smooth edges
HERO = (1800, 1200)
DETAIL = (1200, 1200)
JPEG = {"quality": 82, "optimize": True}

RGB = tuple[int, int, int]
Scene = Callable[[Image.Image, ImageDraw.ImageDraw, random.Random], None]


# --------------------------------------------------------------------------- helpers


def mix(a: RGB, b: RGB, t: float) -> RGB:
    t = max(0.0, min(1.0, t))
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t), round(a[2] + (b[2] - a[2]) * t))


def vgrad(d: ImageDraw.ImageDraw, box: tuple[float, float, float, float], top: RGB, bottom: RGB) -> None:
    x0, y0, x1, y1 = (round(v) for v in box)
    span = max(1, y1 - y0)
    for y in range(y0, y1):
        d.line([(x0, y), (x1, y)], fill=mix(top, bottom, (y - y0) / span))


def ridge(
    w: float, base: float, amp: float, rng: random.Random, waves: int = 3, step: float = 12
) -> list[tuple[float, float]]:
    """A smooth hill line: a sum of sines with seeded phases."""
    phases = [rng.uniform(0, math.tau) for _ in range(waves)]
    freqs = [rng.uniform(0.6, 1.4) * (i + 1) for i in range(waves)]
    pts = []
    x = -step
    while x <= w + step:
        y = base
        for i in range(waves):
            y -= amp / (i + 1) * math.sin(x / w * math.tau * freqs[i] / 2 + phases[i])
        pts.append((x, y))
        x += step
    return pts


def fill_below(d: ImageDraw.ImageDraw, pts: list[tuple[float, float]], h: float, color: RGB) -> None:
    d.polygon([*pts, (pts[-1][0], h), (pts[0][0], h)], fill=color)


def ellipse(d: ImageDraw.ImageDraw, cx: float, cy: float, rx: float, ry: float, **kw) -> None:
    d.ellipse([cx - rx, cy - ry, cx + rx, cy + ry], **kw)


def leaf(d: ImageDraw.ImageDraw, x: float, y: float, length: float, angle: float, width: float, color: RGB) -> None:
    """A pointed leaf from (x, y) in direction `angle` (radians, 0 = right, -pi/2 = up)."""
    ca, sa = math.cos(angle), math.sin(angle)
    px, py = -sa, ca
    pts = []
    n = 14
    for i in range(n + 1):
        t = i / n
        r = width * math.sin(math.pi * t) * (1 - 0.3 * t)
        pts.append((x + ca * length * t + px * r, y + sa * length * t + py * r))
    for i in range(n, -1, -1):
        t = i / n
        r = width * math.sin(math.pi * t) * (1 - 0.3 * t)
        pts.append((x + ca * length * t - px * r, y + sa * length * t - py * r))
    d.polygon(pts, fill=color)


def bezier(p0, p1, p2, p3, n: int = 40) -> list[tuple[float, float]]:
    out = []
    for i in range(n + 1):
        t = i / n
        u = 1 - t
        out.append(
            (
                u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
            )
        )
    return out


def soft_glow(img: Image.Image, cx: float, cy: float, r: float, color: RGB, strength: float = 0.55) -> None:
    """Blend a blurred disc onto the image (sun glow, fire light)."""
    layer = Image.new("L", img.size, 0)
    ImageDraw.Draw(layer).ellipse([cx - r, cy - r, cx + r, cy + r], fill=round(255 * strength))
    layer = layer.filter(ImageFilter.GaussianBlur(r / 2.5))
    img.paste(Image.new("RGB", img.size, color), (0, 0), layer)


def sky(img: Image.Image, d: ImageDraw.ImageDraw, horizon: float, top: RGB, bottom: RGB) -> None:
    vgrad(d, (0, 0, img.width, horizon + 2), top, bottom)


def sea(d: ImageDraw.ImageDraw, w: float, y0: float, y1: float, far: RGB, near: RGB, rng: random.Random) -> None:
    vgrad(d, (0, y0, w, y1), far, near)
    for _ in range(int(w / 60)):
        y = rng.uniform(y0 + 4, y1 - 4)
        x = rng.uniform(0, w)
        length = rng.uniform(30, 120) * (0.4 + (y - y0) / max(1, y1 - y0))
        d.line([(x, y), (x + length, y)], fill=mix(near, (255, 255, 255), 0.35), width=max(2, round(3 * SS / 2)))


def tree_row(
    d: ImageDraw.ImageDraw,
    pts: list[tuple[float, float]],
    size: float,
    color: RGB,
    rng: random.Random,
    gap: float = 0.8,
) -> None:
    """Rounded tree crowns along a ridge line."""
    x = pts[0][0]
    w = pts[-1][0]
    while x < w:
        y = _y_on(pts, x)
        r = size * rng.uniform(0.7, 1.15)
        ellipse(d, x, y, r, r * 1.15, fill=mix(color, (0, 0, 0), rng.uniform(0, 0.12)))
        x += r * gap * 2


def pine(d: ImageDraw.ImageDraw, x: float, base: float, h: float, color: RGB) -> None:
    d.rectangle([x - h * 0.025, base - h * 0.2, x + h * 0.025, base], fill=(92, 64, 45))
    for i in range(4):
        top = base - h + i * h * 0.18
        bot = base - h * 0.15 - (3 - i) * h * 0.12
        half = h * (0.12 + 0.06 * i)
        d.polygon([(x, top), (x - half, bot), (x + half, bot)], fill=color)


def _y_on(pts: list[tuple[float, float]], x: float) -> float:
    for (x0, y0), (x1, y1) in itertools.pairwise(pts):
        if x0 <= x <= x1:
            return y0 + (y1 - y0) * (x - x0) / max(1e-9, x1 - x0)
    return pts[-1][1]


# --------------------------------------------------------------------------- scenes


def garlic_bulb(d: ImageDraw.ImageDraw, cx: float, cy: float, r: float, rng: random.Random) -> None:
    ivory, shade, line = (246, 240, 226), (222, 210, 190), (200, 186, 164)
    ellipse(d, cx + r * 0.08, cy + r * 0.12, r * 1.02, r * 0.92, fill=(90, 70, 50))  # shadow
    ellipse(d, cx, cy, r, r * 0.9, fill=ivory)
    ellipse(d, cx + r * 0.25, cy + r * 0.2, r * 0.7, r * 0.6, fill=shade)
    ellipse(d, cx - r * 0.15, cy - r * 0.1, r * 0.72, r * 0.66, fill=ivory)
    for k in (-0.55, -0.2, 0.2, 0.55):  # clove seams
        d.arc(
            [cx - r * abs(k) * 1.6 - r * 0.1, cy - r * 0.9, cx + r * abs(k) * 1.6 + r * 0.1, cy + r * 0.9],
            start=-80 if k < 0 else -100,
            end=80 if k < 0 else 100,
            fill=line,
            width=max(2, round(r / 40)),
        )
    d.polygon(
        [
            (cx - r * 0.12, cy - r * 0.8),
            (cx + r * 0.12, cy - r * 0.8),
            (cx + r * 0.04, cy - r * 1.35),
            (cx - r * 0.04, cy - r * 1.35),
        ],
        fill=(232, 222, 200),
    )
    for i in range(7):  # roots
        a = math.pi / 2 + (i - 3) * 0.25
        d.line(
            [(cx, cy + r * 0.85), (cx + math.cos(a) * r * 0.35, cy + r * 0.85 + math.sin(a) * r * 0.3)],
            fill=(170, 150, 120),
            width=max(2, round(r / 45)),
        )


def scene_garlic_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.42
    sky(img, d, horizon, (150, 200, 232), (226, 238, 240))
    soft_glow(img, w * 0.82, h * 0.14, h * 0.12, (255, 246, 214), 0.8)
    ellipse(d, w * 0.82, h * 0.14, h * 0.05, h * 0.05, fill=(255, 250, 230))
    sea(d, w, horizon, h * 0.5, (70, 140, 180), (110, 175, 200), rng)
    # the island's volcanic hill (flat-topped cone) on the left, a smaller one further right
    d.polygon(
        [(w * 0.05, h * 0.47), (w * 0.2, h * 0.26), (w * 0.3, h * 0.25), (w * 0.47, h * 0.47)], fill=(104, 126, 96)
    )
    d.polygon([(w * 0.2, h * 0.26), (w * 0.3, h * 0.25), (w * 0.34, h * 0.3), (w * 0.17, h * 0.3)], fill=(126, 108, 84))
    d.polygon(
        [(w * 0.55, h * 0.48), (w * 0.66, h * 0.37), (w * 0.72, h * 0.37), (w * 0.84, h * 0.48)], fill=(120, 140, 108)
    )
    vgrad(d, (0, h * 0.47, w, h), (230, 214, 176), (214, 192, 146))
    # rows of garlic in perspective
    vanish = (w * 0.5, h * 0.35)
    for row in range(-9, 10):
        xb = w * 0.5 + row * w * 0.085
        for j in range(16):
            t = (j + 0.5) / 16
            y = h * 0.5 + (h * 0.5) * t**1.6
            tt = (y - vanish[1]) / (h - vanish[1])
            x = vanish[0] + (xb - vanish[0]) * tt
            size = h * 0.012 + h * 0.07 * t**1.6
            green = mix((96, 150, 80), (60, 120, 60), rng.random())
            for k in range(5):
                leaf(
                    d,
                    x + rng.uniform(-2, 2) * SS,
                    y,
                    size * rng.uniform(0.8, 1.2),
                    -math.pi / 2 + (k - 2) * 0.28 + rng.uniform(-0.08, 0.08),
                    size * 0.07,
                    green,
                )
    d.line([(0, h * 0.47), (w, h * 0.47)], fill=(206, 190, 150), width=2 * SS)


def scene_garlic_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (92, 66, 46), (60, 42, 30))
    cx, cy, R = w * 0.5, h * 0.53, w * 0.42
    ellipse(d, cx + 10 * SS, cy + 16 * SS, R, R * 0.96, fill=(40, 28, 20))
    ellipse(d, cx, cy, R, R * 0.96, fill=(190, 150, 96))
    for i in range(1, 9):
        rr = R * i / 9
        d.ellipse([cx - rr, cy - rr * 0.96, cx + rr, cy + rr * 0.96], outline=(166, 126, 78), width=2 * SS)
    for i in range(48):
        a = i / 48 * math.tau
        d.line([(cx, cy), (cx + math.cos(a) * R, cy + math.sin(a) * R * 0.96)], fill=(176, 136, 86), width=SS)
    d.ellipse([cx - R, cy - R * 0.96, cx + R, cy + R * 0.96], outline=(120, 86, 50), width=10 * SS)
    spots = [
        (0, 0),
        (-0.42, -0.28),
        (0.42, -0.3),
        (-0.5, 0.22),
        (0.48, 0.25),
        (-0.05, -0.55),
        (0.02, 0.52),
        (-0.22, 0.02),
        (0.26, 0.02),
    ]
    for i, (fx, fy) in enumerate(sorted(spots, key=lambda p: p[1])):
        garlic_bulb(d, cx + fx * R, cy + fy * R, R * (0.2 if i != 4 else 0.24) * rng.uniform(0.9, 1.1), rng)


def shallot(d, cx, cy, r, rng):
    body = mix((150, 50, 80), (176, 70, 90), rng.random())
    ellipse(d, cx + r * 0.1, cy + r * 0.15, r, r * 0.95, fill=(170, 160, 140))
    pts = []
    for i in range(40):
        a = i / 40 * math.tau
        rr = r * (1 - 0.35 * max(0.0, -math.sin(a)) ** 3)
        pts.append((cx + math.cos(a) * rr * 0.9, cy + math.sin(a) * rr * 0.95))
    d.polygon(pts, fill=body)
    d.polygon(
        [
            (cx - r * 0.22, cy - r * 0.6),
            (cx + r * 0.22, cy - r * 0.6),
            (cx + r * 0.05, cy - r * 1.4),
            (cx - r * 0.05, cy - r * 1.4),
        ],
        fill=mix(body, (120, 90, 60), 0.5),
    )
    ellipse(d, cx - r * 0.35, cy - r * 0.15, r * 0.18, r * 0.4, fill=mix(body, (255, 220, 230), 0.35))
    for k in (-0.4, 0, 0.4):
        d.line(
            [(cx + k * r * 0.6, cy - r * 0.7), (cx + k * r, cy + r * 0.8)],
            fill=mix(body, (60, 20, 40), 0.3),
            width=max(2, round(r / 40)),
        )


def scene_shallot_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.4
    sky(img, d, horizon, (148, 132, 188), (246, 200, 196))
    soft_glow(img, w * 0.25, h * 0.36, h * 0.12, (255, 214, 170), 0.9)
    ellipse(d, w * 0.25, h * 0.36, h * 0.045, h * 0.045, fill=(255, 226, 190))
    sea(d, w, horizon, h * 0.48, (110, 120, 170), (150, 150, 190), rng)
    vgrad(d, (0, h * 0.48, w, h), (236, 222, 196), (220, 200, 168))
    for row in range(9):
        t = row / 8
        y = h * 0.53 + (h * 0.5) * t**1.4
        size = h * 0.025 + h * 0.11 * t**1.4
        spacing = size * 0.9
        x = -rng.uniform(0, spacing)
        while x < w + spacing:
            green = mix((110, 160, 80), (70, 130, 70), rng.random())
            for k in range(4):
                a = -math.pi / 2 + (k - 1.5) * 0.12 + rng.uniform(-0.05, 0.05)
                d.line(
                    [(x, y), (x + math.cos(a) * size, y + math.sin(a) * size)],
                    fill=green,
                    width=max(2, round(size * 0.05)),
                )
            x += spacing


def scene_shallot_detail(img, d, rng):
    w, h = img.size
    d.rectangle([0, 0, w, h], fill=(240, 232, 216))
    for i in range(0, w, 60 * SS):
        d.line([(i, 0), (i, h)], fill=(228, 216, 196), width=3 * SS)
        d.line([(0, i), (w, i)], fill=(228, 216, 196), width=3 * SS)
    for gx, gy in ((0.32, 0.55), (0.68, 0.5)):
        cx, cy = w * gx, h * gy
        # dried tops tied together
        for k in range(9):
            a = -math.pi / 2 + (k - 4) * 0.08
            d.line(
                [(cx, cy - h * 0.12), (cx + math.cos(a) * h * 0.28, cy - h * 0.12 + math.sin(a) * h * 0.28)],
                fill=(170, 140, 90),
                width=5 * SS,
            )
        d.rectangle([cx - 22 * SS, cy - h * 0.2, cx + 22 * SS, cy - h * 0.17], fill=(120, 90, 60))
        for fx, fy in sorted(
            [(-0.08, 0.0), (0.08, 0.0), (0.0, 0.08), (-0.13, 0.1), (0.13, 0.1), (0.0, -0.05)], key=lambda p: p[1]
        ):
            shallot(d, cx + fx * w, cy + fy * h, w * 0.065, rng)


def hills_with_trees(img, d, rng, w, h, layers, top_y, color_far, color_near, mist: RGB | None = None):
    for i in range(layers):
        t = i / max(1, layers - 1)
        base = top_y + (h - top_y) * (0.1 + 0.22 * i)
        pts = ridge(w, base, h * (0.06 + 0.03 * (1 - t)), rng)
        color = mix(color_far, color_near, t)
        fill_below(d, pts, h, color)
        tree_row(d, pts, h * (0.012 + 0.03 * t), mix(color, (0, 0, 0), 0.08), rng)
        if mist and i < layers - 1:
            layer = Image.new("L", img.size, 0)
            ImageDraw.Draw(layer).rectangle([0, base + h * 0.02, w, base + h * 0.12], fill=70)
            layer = layer.filter(ImageFilter.GaussianBlur(h * 0.03))
            img.paste(Image.new("RGB", img.size, mist), (0, 0), layer)


def scene_cinnamon_hero(img, d, rng):
    w, h = img.size
    sky(img, d, h * 0.55, (176, 210, 226), (240, 236, 214))
    soft_glow(img, w * 0.7, h * 0.2, h * 0.1, (255, 240, 200), 0.8)
    hills_with_trees(img, d, rng, w, h, 4, h * 0.22, (120, 150, 130), (40, 80, 50), mist=(236, 236, 222))


def cinnamon_stick(d, x0, y0, x1, y1, r, rng):
    ang = math.atan2(y1 - y0, x1 - x0)
    px, py = -math.sin(ang) * r, math.cos(ang) * r
    base = mix((150, 78, 44), (176, 96, 56), rng.random())
    d.polygon([(x0 + px, y0 + py), (x1 + px, y1 + py), (x1 - px, y1 - py), (x0 - px, y0 - py)], fill=base)
    d.line(
        [(x0 + px * 0.4, y0 + py * 0.4), (x1 + px * 0.4, y1 + py * 0.4)],
        fill=mix(base, (255, 220, 180), 0.25),
        width=max(2, round(r / 5)),
    )
    d.line(
        [(x0 - px * 0.8, y0 - py * 0.8), (x1 - px * 0.8, y1 - py * 0.8)],
        fill=mix(base, (0, 0, 0), 0.25),
        width=max(2, round(r / 6)),
    )
    ellipse(d, x1, y1, r, r, fill=mix(base, (0, 0, 0), 0.2))
    for k in range(3):  # the rolled-up spiral at the end
        rr = r * (0.8 - k * 0.25)
        d.arc(
            [x1 - rr, y1 - rr, x1 + rr, y1 + rr],
            start=30 * k,
            end=300 + 30 * k,
            fill=(206, 140, 90),
            width=max(2, round(r / 6)),
        )


def scene_cinnamon_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (238, 226, 204), (216, 196, 166))
    d.rectangle([0, h * 0.7, w, h], fill=(190, 160, 120))
    for i in range(6):
        y = h * (0.55 + i * 0.035)
        cinnamon_stick(d, w * (0.1 + 0.02 * i), y + h * 0.08, w * (0.55 + 0.02 * i), y - h * 0.02, w * 0.028, rng)
    bx, by, bw, bh = w * 0.7, h * 0.3, w * 0.17, h * 0.42
    ellipse(d, bx + bw / 2 + 8 * SS, by + bh + 4 * SS, bw * 0.6, bw * 0.12, fill=(150, 120, 90))
    d.rounded_rectangle([bx, by + bh * 0.25, bx + bw, by + bh], radius=bw * 0.18, fill=(150, 74, 20))
    d.rectangle([bx + bw * 0.3, by + bh * 0.1, bx + bw * 0.7, by + bh * 0.28], fill=(150, 74, 20))
    d.rounded_rectangle(
        [bx + bw * 0.26, by - bh * 0.02, bx + bw * 0.74, by + bh * 0.13], radius=8 * SS, fill=(40, 36, 34)
    )
    d.rounded_rectangle(
        [bx + bw * 0.12, by + bh * 0.35, bx + bw * 0.24, by + bh * 0.9], radius=10 * SS, fill=(206, 130, 60)
    )
    d.rectangle([bx + bw * 0.15, by + bh * 0.5, bx + bw * 0.85, by + bh * 0.75], fill=(238, 226, 200))
    d.line([(bx + bw * 0.25, by + bh * 0.6), (bx + bw * 0.75, by + bh * 0.6)], fill=(150, 74, 20), width=4 * SS)
    d.line([(bx + bw * 0.25, by + bh * 0.66), (bx + bw * 0.6, by + bh * 0.66)], fill=(170, 150, 120), width=3 * SS)
    for k in range(3):
        leaf(d, w * 0.62 + k * w * 0.05, h * 0.78, w * 0.14, -0.3 - k * 0.4, w * 0.025, (70, 110, 60))


def flame(d, cx, base, hgt, wid, color):
    pts = bezier(
        (cx - wid, base), (cx - wid * 1.2, base - hgt * 0.5), (cx - wid * 0.2, base - hgt * 0.7), (cx, base - hgt)
    )
    pts += bezier(
        (cx, base - hgt), (cx + wid * 0.3, base - hgt * 0.6), (cx + wid * 1.2, base - hgt * 0.45), (cx + wid, base)
    )
    d.polygon(pts, fill=color)


def scene_malt_hero(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (92, 64, 46), (54, 36, 26))
    for y in range(0, round(h * 0.62), 70 * SS):  # plank wall
        d.line([(0, y), (w, y)], fill=(80, 56, 40), width=4 * SS)
    d.rectangle([0, h * 0.78, w, h], fill=(74, 52, 38))
    soft_glow(img, w * 0.5, h * 0.62, h * 0.35, (255, 170, 80), 0.45)
    # clay stove
    d.polygon([(w * 0.25, h * 0.95), (w * 0.3, h * 0.6), (w * 0.7, h * 0.6), (w * 0.75, h * 0.95)], fill=(150, 90, 60))
    d.rectangle([w * 0.42, h * 0.72, w * 0.58, h * 0.95], fill=(40, 22, 14))
    for i, c in enumerate([(230, 90, 30), (250, 150, 40), (255, 214, 110)]):
        for k in (-1, 0, 1):
            flame(
                d,
                w * 0.5 + k * w * 0.04,
                h * 0.95,
                h * (0.2 - 0.05 * i) * (1 - 0.2 * abs(k)),
                w * (0.035 - 0.008 * i),
                c,
            )
    for k in range(4):  # firewood
        d.line([(w * 0.36 + k * w * 0.01, h * 0.97), (w * 0.5, h * 0.9)], fill=(110, 70, 40), width=10 * SS)
    # pan of syrup
    ellipse(d, w * 0.5, h * 0.6, w * 0.26, h * 0.075, fill=(60, 56, 54))
    ellipse(d, w * 0.5, h * 0.595, w * 0.24, h * 0.062, fill=(196, 120, 30))
    ellipse(d, w * 0.46, h * 0.585, w * 0.12, h * 0.025, fill=(226, 160, 60))
    d.line([(w * 0.58, h * 0.59), (w * 0.72, h * 0.3)], fill=(150, 110, 70), width=16 * SS)  # paddle
    for k in range(4):  # steam
        x = w * (0.38 + 0.08 * k)
        pts = [(x + math.sin(t / 6 + k) * w * 0.015, h * 0.55 - t * h * 0.012) for t in range(25)]
        d.line(pts, fill=(150, 130, 120), width=5 * SS, joint="curve")


def scene_malt_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (246, 238, 222), (226, 212, 188))
    d.rectangle([0, h * 0.78, w, h], fill=(176, 134, 90))
    jx0, jx1, jy0, jy1 = w * 0.28, w * 0.72, h * 0.38, h * 0.86
    ellipse(d, w * 0.5, jy1, (jx1 - jx0) * 0.55, h * 0.03, fill=(140, 104, 70))
    d.rounded_rectangle([jx0, jy0, jx1, jy1], radius=w * 0.07, fill=(236, 240, 238))
    d.rounded_rectangle(
        [jx0 + w * 0.02, jy0 + h * 0.1, jx1 - w * 0.02, jy1 - h * 0.015], radius=w * 0.06, fill=(206, 128, 30)
    )
    vgrad(d, (jx0 + w * 0.05, jy0 + h * 0.14, jx0 + w * 0.09, jy1 - h * 0.06), (240, 180, 90), (214, 140, 40))
    d.rounded_rectangle(
        [jx0 - w * 0.02, jy0 - h * 0.035, jx1 + w * 0.02, jy0 + h * 0.01], radius=10 * SS, fill=(120, 88, 60)
    )
    # chopsticks lifting a thread of syrup
    d.line([(w * 0.5, h * 0.42), (w * 0.86, h * 0.06)], fill=(214, 184, 130), width=14 * SS)
    d.line([(w * 0.53, h * 0.43), (w * 0.9, h * 0.09)], fill=(200, 168, 112), width=14 * SS)
    ellipse(d, w * 0.515, h * 0.43, w * 0.035, h * 0.028, fill=(214, 140, 40))
    thread = bezier((w * 0.515, h * 0.45), (w * 0.5, h * 0.5), (w * 0.53, h * 0.52), (w * 0.5, h * 0.56))
    d.line(thread, fill=(224, 150, 50), width=8 * SS, joint="curve")


def salt_heap(d, cx, base, r):
    d.polygon([(cx - r, base), (cx, base - r * 0.85), (cx + r, base)], fill=(250, 250, 248))
    d.polygon([(cx, base - r * 0.85), (cx + r, base), (cx + r * 0.2, base)], fill=(222, 228, 234))


def scene_salt_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.33
    sky(img, d, horizon, (110, 170, 220), (220, 236, 244))
    soft_glow(img, w * 0.2, h * 0.1, h * 0.12, (255, 250, 220), 0.9)
    ellipse(d, w * 0.2, h * 0.1, h * 0.05, h * 0.05, fill=(255, 252, 236))
    fill_below(d, ridge(w, horizon, h * 0.04, rng), h, (120, 150, 130))
    vgrad(d, (0, horizon + h * 0.02, w, h), (190, 176, 150), (170, 150, 120))
    # perspective grid of pans
    vx, vy = w * 0.5, h * 0.1
    rows = [horizon + h * 0.03 + (h - horizon) * (i / 9) ** 1.5 for i in range(10)]
    cols = 9
    for ri in range(9):
        y0, y1 = rows[ri], rows[ri + 1]
        for ci in range(-cols, cols):

            def px(c, y):
                xb = vx + c * w * 0.16
                return vx + (xb - vx) * (y - vy) / (h - vy)

            gap = 0.06
            quad = [
                (px(ci + gap, y0), y0 + 2 * SS),
                (px(ci + 1 - gap, y0), y0 + 2 * SS),
                (px(ci + 1 - gap, y1), y1 - 4 * SS),
                (px(ci + gap, y1), y1 - 4 * SS),
            ]
            tone = rng.random()
            d.polygon(quad, fill=mix((196, 214, 226), (232, 236, 238), tone))
    for ri, xs in ((2, (0.18, 0.63)), (4, (0.3, 0.78)), (6, (0.12, 0.5, 0.86))):  # heaps on the banks
        y = rows[ri]
        size = h * 0.02 + h * 0.1 * ((y - horizon) / (h - horizon)) ** 1.2
        for fx in xs:
            salt_heap(d, w * fx, y, size)
    # a wooden rake on the near bank: long handle, cross board
    d.line([(w * 0.62, h * 0.93), (w * 0.95, h * 0.7)], fill=(120, 84, 50), width=12 * SS)
    d.line([(w * 0.56, h * 0.86), (w * 0.68, h * 1.0)], fill=(104, 72, 42), width=22 * SS)


def cube(d, cx, cy, s, top: RGB, left: RGB, right: RGB):
    top_face = [(cx, cy - s), (cx + s * 0.87, cy - s * 0.5), (cx, cy), (cx - s * 0.87, cy - s * 0.5)]
    left_face = [(cx - s * 0.87, cy - s * 0.5), (cx, cy), (cx, cy + s), (cx - s * 0.87, cy + s * 0.5)]
    right_face = [(cx, cy), (cx + s * 0.87, cy - s * 0.5), (cx + s * 0.87, cy + s * 0.5), (cx, cy + s)]
    d.polygon(top_face, fill=top)
    d.polygon(left_face, fill=left)
    d.polygon(right_face, fill=right)


def scene_salt_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (196, 222, 236), (150, 190, 214))
    spots = []
    for _ in range(60):
        spots.append((rng.uniform(0.05, 0.95) * w, rng.uniform(0.08, 0.95) * h, rng.uniform(0.025, 0.075) * w))
    for cx, cy, s in sorted(spots, key=lambda p: p[1]):
        cube(d, cx, cy, s, (252, 252, 252), (214, 226, 236), (232, 238, 244))
        for k in (0.6, 0.3):  # hopper steps on the top face
            ss = s * k
            d.polygon(
                [
                    (cx, cy - s * 0.5 - ss * 0.5),
                    (cx + ss * 0.87, cy - s * 0.5),
                    (cx, cy - s * 0.5 + ss * 0.5),
                    (cx - ss * 0.87, cy - s * 0.5),
                ],
                outline=(200, 214, 226),
                width=max(2, round(s / 30)),
            )


def palm(d, x, base, hgt, rng):
    top = (x + hgt * 0.15, base - hgt)
    trunk = bezier((x, base), (x + hgt * 0.02, base - hgt * 0.4), (x + hgt * 0.12, base - hgt * 0.7), top, 20)
    d.line(trunk, fill=(120, 96, 70), width=round(hgt * 0.035), joint="curve")
    for k in range(9):
        a = -math.pi + k * math.pi / 8 + rng.uniform(-0.1, 0.1)
        end = (top[0] + math.cos(a) * hgt * 0.38, top[1] + math.sin(a) * hgt * 0.2 + hgt * 0.12)
        mid = (top[0] + math.cos(a) * hgt * 0.2, top[1] + math.sin(a) * hgt * 0.2 - hgt * 0.03)
        d.line(bezier(top, mid, mid, end, 16), fill=(60, 120, 70), width=round(hgt * 0.03), joint="curve")


def house(d, x, base, wid, hgt):
    d.rectangle([x, base - hgt, x + wid, base], fill=(236, 220, 190))
    d.polygon(
        [
            (x - wid * 0.08, base - hgt),
            (x + wid * 0.2, base - hgt * 1.75),
            (x + wid * 0.8, base - hgt * 1.75),
            (x + wid * 1.08, base - hgt),
        ],
        fill=(170, 80, 50),
    )
    for i in range(1, 6):
        yy = base - hgt - hgt * 0.75 * i / 6
        d.line(
            [(x - wid * 0.08 + wid * 0.28 * i / 6, yy), (x + wid * 1.08 - wid * 0.28 * i / 6, yy)],
            fill=(140, 62, 40),
            width=3 * SS,
        )
    d.rectangle([x + wid * 0.4, base - hgt * 0.7, x + wid * 0.6, base], fill=(110, 70, 50))


def stone_wall(d, x0, x1, base, hgt, rng):
    y = base
    while y > base - hgt:
        x = x0 - rng.uniform(0, 20 * SS)
        sh = hgt / 3
        while x < x1:
            sw = rng.uniform(1.2, 2.2) * sh
            d.rounded_rectangle(
                [x, y - sh, x + sw - 3 * SS, y - 3 * SS],
                radius=sh * 0.4,
                fill=mix((130, 124, 116), (176, 168, 156), rng.random()),
            )
            x += sw
        y -= sh


def scene_goco_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.36
    sky(img, d, horizon, (130, 190, 226), (228, 240, 240))
    sea(d, w, horizon, h * 0.55, (60, 130, 170), (100, 170, 190), rng)
    d.polygon([(w * 0.45, h * 0.55), (w * 0.55, h * 0.5), (w, h * 0.47), (w, h * 0.62)], fill=(236, 224, 196))  # beach
    for i in range(9):  # dark seaside rocks
        cx = w * (0.62 + 0.04 * i)
        ellipse(
            d,
            cx,
            h * 0.55,
            w * rng.uniform(0.02, 0.04),
            h * rng.uniform(0.02, 0.035),
            fill=mix((70, 66, 70), (120, 100, 90), rng.random()),
        )
    fill_below(d, ridge(w, h * 0.58, h * 0.04, rng), h, (120, 160, 90))
    vgrad(d, (0, h * 0.7, w, h), (150, 170, 100), (120, 146, 80))
    house(d, w * 0.12, h * 0.74, w * 0.16, h * 0.1)
    house(d, w * 0.4, h * 0.7, w * 0.13, h * 0.085)
    for x, base, hg in (
        (w * 0.05, h * 0.75, h * 0.42),
        (w * 0.33, h * 0.72, h * 0.38),
        (w * 0.6, h * 0.7, h * 0.36),
        (w * 0.85, h * 0.74, h * 0.4),
    ):
        palm(d, x, base, hg, rng)
    stone_wall(d, 0, w, h * 0.92, h * 0.12, rng)


def scene_goco_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (170, 200, 150), (120, 150, 100))
    cx, top, bot, r = w * 0.5, h * 0.42, h * 0.78, w * 0.3
    ellipse(d, cx, bot, r * 1.15, h * 0.07, fill=(90, 110, 70))
    y = bot
    row = 0
    while y > top:
        sh = h * 0.045
        n = 9
        for i in range(n):
            a0 = math.pi * i / n + (row % 2) * math.pi / n / 2
            x0 = cx - math.cos(a0) * r
            x1 = cx - math.cos(min(math.pi, a0 + math.pi / n)) * r
            d.rounded_rectangle(
                [min(x0, x1) + 2 * SS, y - sh, max(x0, x1) - 2 * SS, y - 2 * SS],
                radius=sh * 0.35,
                fill=mix((120, 114, 104), (178, 170, 156), rng.random()),
            )
        y -= sh
        row += 1
    ellipse(d, cx, top, r, h * 0.065, fill=(150, 144, 132))
    ellipse(d, cx, top, r * 0.8, h * 0.048, fill=(40, 60, 70))
    ellipse(d, cx - r * 0.2, top - h * 0.008, r * 0.3, h * 0.012, fill=(110, 150, 170))
    # bucket
    bx, by = w * 0.84, h * 0.82
    d.polygon(
        [(bx - w * 0.07, by - h * 0.12), (bx + w * 0.07, by - h * 0.12), (bx + w * 0.055, by), (bx - w * 0.055, by)],
        fill=(150, 110, 70),
    )
    ellipse(d, bx, by - h * 0.12, w * 0.07, h * 0.015, fill=(110, 80, 50))
    d.arc(
        [bx - w * 0.07, by - h * 0.22, bx + w * 0.07, by - h * 0.06],
        start=180,
        end=360,
        fill=(80, 70, 60),
        width=4 * SS,
    )


def waterwheel(d, cx, cy, r):
    d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=(120, 90, 50), width=round(r * 0.05))
    d.ellipse([cx - r * 0.8, cy - r * 0.8, cx + r * 0.8, cy + r * 0.8], outline=(140, 110, 60), width=round(r * 0.025))
    for i in range(16):
        a = i / 16 * math.tau
        d.line([(cx, cy), (cx + math.cos(a) * r, cy + math.sin(a) * r)], fill=(140, 110, 60), width=round(r * 0.02))
        bx, by = cx + math.cos(a) * r, cy + math.sin(a) * r
        d.rectangle([bx - r * 0.05, by - r * 0.04, bx + r * 0.05, by + r * 0.04], fill=(110, 150, 90))
    ellipse(d, cx, cy, r * 0.08, r * 0.08, fill=(90, 66, 40))
    d.line([(cx, cy), (cx - r * 0.3, cy + r * 1.3)], fill=(100, 76, 48), width=round(r * 0.05))
    d.line([(cx, cy), (cx + r * 0.3, cy + r * 1.3)], fill=(100, 76, 48), width=round(r * 0.05))


def scene_goby_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.45
    sky(img, d, horizon, (160, 200, 220), (236, 232, 214))
    # Thiên Ấn: a flat-topped hill like a seal
    d.polygon(
        [(w * 0.5, horizon + h * 0.03), (w * 0.6, h * 0.3), (w * 0.74, h * 0.29), (w * 0.86, horizon + h * 0.03)],
        fill=(96, 130, 110),
    )
    fill_below(d, ridge(w, horizon + h * 0.02, h * 0.015, rng), h, (118, 150, 110))
    vgrad(d, (0, h * 0.52, w, h * 0.86), (120, 170, 190), (80, 140, 170))
    for _ in range(70):
        y = rng.uniform(h * 0.54, h * 0.84)
        x = rng.uniform(0, w)
        d.line([(x, y), (x + rng.uniform(40, 140) * SS / 2, y)], fill=(170, 210, 220), width=3 * SS)
    d.polygon([(0, h * 0.86), (w, h * 0.82), (w, h), (0, h)], fill=(150, 170, 100))
    waterwheel(d, w * 0.25, h * 0.58, h * 0.24)
    for i in range(6):  # bamboo clump
        x = w * (0.88 + 0.015 * i)
        d.line([(x, h * 0.9), (x - w * 0.03 + i * w * 0.01, h * 0.35)], fill=(90, 130, 60), width=8 * SS)


def goby(d, cx, cy, length, ang, color):
    ca, sa = math.cos(ang), math.sin(ang)
    pts = []
    n = 20
    for i in range(n + 1):
        t = i / n
        r = length * 0.14 * math.sin(math.pi * min(1, t * 1.1)) ** 0.7
        x, y = cx + ca * (t - 0.5) * length, cy + sa * (t - 0.5) * length
        pts.append((x - sa * r, y + ca * r))
    for i in range(n, -1, -1):
        t = i / n
        r = length * 0.14 * math.sin(math.pi * min(1, t * 1.1)) ** 0.7
        x, y = cx + ca * (t - 0.5) * length, cy + sa * (t - 0.5) * length
        pts.append((x + sa * r, y - ca * r))
    d.polygon(pts, fill=color)
    tx, ty = cx - ca * length * 0.5, cy - sa * length * 0.5
    d.polygon(
        [
            (tx, ty),
            (tx - ca * length * 0.15 - sa * length * 0.1, ty - sa * length * 0.15 + ca * length * 0.1),
            (tx - ca * length * 0.15 + sa * length * 0.1, ty - sa * length * 0.15 - ca * length * 0.1),
        ],
        fill=mix(color, (0, 0, 0), 0.2),
    )
    ex, ey = cx + ca * length * 0.36, cy + sa * length * 0.36
    ellipse(d, ex, ey, length * 0.025, length * 0.025, fill=(30, 20, 10))


def scene_goby_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (210, 180, 140), (170, 130, 90))
    for y in range(0, h, 90 * SS):
        d.line([(0, y), (w, y + 20 * SS)], fill=(184, 150, 110), width=3 * SS)
    cx, cy = w * 0.5, h * 0.5
    ellipse(d, cx + 14 * SS, cy + 30 * SS, w * 0.42, h * 0.33, fill=(110, 80, 56))
    ellipse(d, cx, cy + h * 0.06, w * 0.4, h * 0.3, fill=(130, 70, 44))
    ellipse(d, cx, cy, w * 0.4, h * 0.24, fill=(150, 84, 52))
    ellipse(d, cx, cy, w * 0.35, h * 0.2, fill=(70, 34, 18))
    ellipse(d, cx, cy + h * 0.01, w * 0.33, h * 0.18, fill=(120, 60, 24))
    for i in range(11):
        a = rng.uniform(-0.5, 0.5) + (0 if i % 2 else math.pi)
        goby(
            d,
            cx + rng.uniform(-0.2, 0.2) * w,
            cy + rng.uniform(-0.1, 0.12) * h,
            w * rng.uniform(0.2, 0.26),
            a,
            mix((150, 84, 36), (176, 104, 48), rng.random()),
        )
    for _ in range(160):
        x, y = cx + rng.uniform(-0.3, 0.3) * w, cy + rng.uniform(-0.15, 0.16) * h
        if ((x - cx) / (w * 0.32)) ** 2 + ((y - cy) / (h * 0.17)) ** 2 < 1:
            ellipse(d, x, y, 3 * SS, 3 * SS, fill=(30, 24, 20))
    for _ in range(5):  # a few green onion slices
        x, y = cx + rng.uniform(-0.2, 0.2) * w, cy + rng.uniform(-0.1, 0.1) * h
        d.ellipse([x - 9 * SS, y - 9 * SS, x + 9 * SS, y + 9 * SS], outline=(90, 150, 60), width=4 * SS)


def lotus_flower(d, cx, cy, r, open_: float = 1.0):
    pink, light = (232, 120, 150), (246, 190, 206)
    for a, col in ((-1.1, pink), (1.1, pink), (-0.6, light), (0.6, light), (0, pink)):
        a *= open_
        tipx, tipy = cx + math.sin(a) * r, cy - math.cos(a) * r
        pts = bezier(
            (cx, cy),
            (cx + math.sin(a - 0.6) * r * 0.7, cy - math.cos(a - 0.6) * r * 0.7),
            (tipx - math.cos(a) * r * 0.1, tipy),
            (tipx, tipy),
            16,
        )
        pts += bezier(
            (tipx, tipy),
            (tipx + math.cos(a) * r * 0.1, tipy),
            (cx + math.sin(a + 0.6) * r * 0.7, cy - math.cos(a + 0.6) * r * 0.7),
            (cx, cy),
            16,
        )
        d.polygon(pts, fill=col)


def lotus_leaf(d, cx, cy, rx, ry, color):
    ellipse(d, cx, cy, rx, ry, fill=color)
    d.pieslice([cx - rx, cy - ry, cx + rx, cy + ry], start=80, end=100, fill=mix(color, (0, 0, 0), 0.25))
    for i in range(10):
        a = i / 10 * math.tau
        d.line(
            [(cx, cy), (cx + math.cos(a) * rx * 0.9, cy + math.sin(a) * ry * 0.9)],
            fill=mix(color, (255, 255, 255), 0.15),
            width=2 * SS,
        )


def scene_lotus_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.38
    sky(img, d, horizon, (120, 186, 226), (226, 240, 240))
    for _ in range(4):
        x, y = rng.uniform(0.1, 0.9) * w, rng.uniform(0.06, 0.25) * h
        for k in range(4):
            ellipse(d, x + k * w * 0.03, y - (k % 2) * h * 0.02, w * 0.045, h * 0.035, fill=(248, 250, 250))
    tree_row(d, ridge(w, horizon, h * 0.01, rng), h * 0.035, (80, 120, 70), rng)
    fill_below(d, ridge(w, horizon + h * 0.02, h * 0.005, rng), h, (90, 130, 80))
    vgrad(d, (0, h * 0.42, w, h), (120, 170, 170), (70, 120, 120))
    items = []
    for _ in range(70):
        y = rng.uniform(0.44, 1.02) * h
        items.append((y, rng.uniform(-0.05, 1.05) * w))
    for y, x in sorted(items):
        t = (y - h * 0.42) / (h * 0.6)
        s = h * (0.03 + 0.12 * t)
        lotus_leaf(d, x, y, s * 1.3, s * 0.45, mix((70, 140, 70), (50, 120, 60), rng.random()))
    for _ in range(14):
        y = rng.uniform(0.5, 0.95) * h
        x = rng.uniform(0.03, 0.97) * w
        t = (y - h * 0.42) / (h * 0.6)
        s = h * (0.03 + 0.08 * t)
        d.line([(x, y + s * 1.2), (x, y)], fill=(70, 120, 60), width=max(2, round(s * 0.08)))
        lotus_flower(d, x, y, s, open_=rng.uniform(0.6, 1.0))


def scene_lotus_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (236, 238, 226), (214, 218, 200))
    d.rectangle([0, h * 0.68, w, h], fill=(168, 126, 86))
    # cup
    cx, cy = w * 0.4, h * 0.55
    ellipse(d, cx + 10 * SS, h * 0.8, w * 0.22, h * 0.035, fill=(130, 96, 64))
    d.polygon(
        [(cx - w * 0.2, cy), (cx + w * 0.2, cy), (cx + w * 0.14, h * 0.78), (cx - w * 0.14, h * 0.78)],
        fill=(244, 242, 236),
    )
    ellipse(d, cx, h * 0.78, w * 0.14, h * 0.02, fill=(232, 228, 220))
    ellipse(d, cx, cy, w * 0.2, h * 0.045, fill=(226, 222, 214))
    ellipse(d, cx, cy + h * 0.004, w * 0.185, h * 0.038, fill=(200, 200, 120))
    ellipse(d, cx - w * 0.05, cy, w * 0.07, h * 0.012, fill=(222, 220, 150))
    # dish of lotus hearts
    dx, dy = w * 0.76, h * 0.72
    ellipse(d, dx, dy, w * 0.17, h * 0.06, fill=(250, 248, 244))
    ellipse(d, dx, dy, w * 0.13, h * 0.042, fill=(236, 232, 224))
    for _ in range(40):
        x, y = dx + rng.uniform(-0.1, 0.1) * w, dy + rng.uniform(-0.03, 0.03) * h
        a = rng.uniform(0, math.pi)
        d.line(
            [(x, y), (x + math.cos(a) * 14 * SS, y + math.sin(a) * 6 * SS)],
            fill=mix((40, 90, 50), (70, 120, 60), rng.random()),
            width=6 * SS,
        )
    lotus_flower(d, w * 0.2, h * 0.3, h * 0.12)
    lotus_leaf(d, w * 0.78, h * 0.3, w * 0.15, h * 0.07, (80, 140, 80))


def rotated_ellipse(cx: float, cy: float, rx: float, ry: float, ang: float, n: int = 48) -> list[tuple[float, float]]:
    ca, sa = math.cos(ang), math.sin(ang)
    return [
        (
            cx + ca * rx * math.cos(k / n * math.tau) - sa * ry * math.sin(k / n * math.tau),
            cy + sa * rx * math.cos(k / n * math.tau) + ca * ry * math.sin(k / n * math.tau),
        )
        for k in range(n)
    ]


def oyster_cluster(d, cx, cy, r, rng, light=(232, 228, 220), dark=(150, 146, 140)):
    """Oyster mushrooms: fan-shaped caps on short stems growing from one base."""
    bx, by = cx, cy + r * 0.55
    caps = []
    for i in range(7):
        a = math.radians(-160 + i * 23 + rng.uniform(-6, 6))
        dist = r * rng.uniform(0.45, 0.7)
        caps.append((a, dist, r * rng.uniform(0.34, 0.46)))
    caps.sort(key=lambda c: -abs(math.sin(c[0])) * c[1])  # far (high) caps first, low caps in front
    for a, dist, size in caps:
        ccx, ccy = bx + math.cos(a) * dist, by + math.sin(a) * dist
        d.line([(bx, by), (ccx, ccy)], fill=(240, 236, 226), width=max(2, round(size * 0.22)))
        d.polygon(rotated_ellipse(ccx, ccy, size * 1.05, size * 0.62, a + math.pi / 2), fill=dark)
        d.polygon(
            rotated_ellipse(
                ccx - math.cos(a) * size * 0.05,
                ccy - math.sin(a) * size * 0.05,
                size * 0.98,
                size * 0.54,
                a + math.pi / 2,
            ),
            fill=light,
        )
        for k in range(11):  # gills fanning out from where the stem meets the cap
            g = a + math.radians(-70 + k * 14)
            d.line(
                [
                    (ccx - math.cos(a) * size * 0.3, ccy - math.sin(a) * size * 0.3),
                    (ccx + math.cos(g) * size * 0.55, ccy + math.sin(g) * size * 0.5),
                ],
                fill=mix(light, dark, 0.45),
                width=max(1, round(size / 45)),
            )
    ellipse(d, bx, by, r * 0.12, r * 0.07, fill=(214, 204, 184))


def scene_mushroom_hero(img, d, rng):
    w, h = img.size
    vx, vy = w * 0.5, h * 0.42  # vanishing point at the open door
    vgrad(d, (0, 0, w, h), (112, 90, 62), (76, 58, 40))
    d.polygon(
        [(0, h), (w, h), (vx + w * 0.06, vy + h * 0.2), (vx - w * 0.06, vy + h * 0.2)], fill=(98, 78, 54)
    )  # floor
    d.rectangle([vx - w * 0.06, vy - h * 0.14, vx + w * 0.06, vy + h * 0.2], fill=(238, 232, 204))  # door light
    soft_glow(img, vx, vy + h * 0.05, h * 0.3, (240, 220, 170), 0.3)
    d.polygon(
        [(0, 0), (w, 0), (vx + w * 0.06, vy - h * 0.14), (vx - w * 0.06, vy - h * 0.14)], fill=(150, 120, 72)
    )  # thatch
    for i in range(41):
        x = i / 40 * w
        d.line([(x, 0), (vx + (x - vx) * 0.12, vy - h * 0.14)], fill=(124, 98, 58), width=3 * SS)
    for side in (-1, 1):
        for depth in range(9, -1, -1):  # far rows first
            s = 1 / (1 + depth * 0.45)  # perspective scale
            for lane in (0, 1):
                x = vx + side * w * (0.2 + 0.17 * lane) * s * 2.2
                top = vy - h * 0.36 * s
                bw, bh = w * 0.055 * s, h * 0.62 * s
                shade = min(1.0, depth / 9)
                d.line([(x, vy - h * 0.55 * s), (x, top)], fill=(190, 176, 150), width=max(2, round(3 * SS * s)))
                d.rounded_rectangle(
                    [x - bw / 2, top, x + bw / 2, top + bh],
                    radius=bw * 0.45,
                    fill=mix((232, 226, 208), (120, 104, 80), shade * 0.7),
                )
                if depth < 7:
                    for k in range(3):
                        oyster_cluster(
                            d,
                            x + (side if k % 2 else -side) * bw * 0.55,
                            top + bh * (0.2 + 0.28 * k),
                            bw * 0.85,
                            rng,
                            light=mix((236, 232, 224), (150, 136, 112), shade * 0.6),
                            dark=mix((156, 150, 142), (110, 96, 76), shade * 0.6),
                        )
            d.line(
                [(0 if side < 0 else w, vy - h * 0.55 * s), (vx + side * w * 0.06, vy - h * 0.14)],
                fill=(88, 68, 44),
                width=2 * SS,
            )


def scene_mushroom_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (70, 86, 60), (40, 52, 36))
    oyster_cluster(d, w * 0.5, h * 0.5, w * 0.42, rng)


def ginseng_leaf(d, cx, cy, length, ang, color):
    for k in range(5):
        a = ang + (k - 2) * 0.35
        leaf(d, cx, cy, length * (1 - 0.15 * abs(k - 2)), a, length * 0.17, color)


def scene_ginseng_hero(img, d, rng):
    w, h = img.size
    sky(img, d, h * 0.6, (180, 206, 214), (232, 236, 230))
    soft_glow(img, w * 0.3, h * 0.18, h * 0.1, (255, 248, 230), 0.7)
    colors = [(150, 176, 176), (110, 146, 130), (76, 116, 92), (50, 90, 64), (34, 70, 48)]
    for i, col in enumerate(colors):
        base = h * (0.3 + 0.14 * i)
        pts = ridge(w, base, h * (0.1 - 0.012 * i), rng, waves=3, step=10)
        fill_below(d, pts, h, col)
        if i >= 2:
            x = pts[0][0]
            while x < w:
                y = _y_on(pts, x)
                s = h * (0.012 + 0.012 * i)
                d.polygon(
                    [(x, y - s * 2.2), (x - s * 0.7, y + s * 0.3), (x + s * 0.7, y + s * 0.3)],
                    fill=mix(col, (0, 0, 0), 0.15),
                )
                x += s * rng.uniform(0.9, 1.5)
        layer = Image.new("L", img.size, 0)
        ImageDraw.Draw(layer).rectangle([0, base + h * 0.04, w, base + h * 0.14], fill=90)
        layer = layer.filter(ImageFilter.GaussianBlur(h * 0.04))
        img.paste(Image.new("RGB", img.size, (230, 236, 232)), (0, 0), layer)


def scene_ginseng_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h * 0.62), (218, 232, 214), (180, 206, 176))
    vgrad(d, (0, h * 0.62, w, h), (110, 80, 56), (80, 56, 40))
    for _ in range(120):
        ellipse(d, rng.uniform(0, w), rng.uniform(h * 0.64, h), 4 * SS, 3 * SS, fill=(96, 70, 50))
    cx = w * 0.5
    # knotted root below the soil line
    nodes = [
        (cx, h * 0.63),
        (cx - w * 0.02, h * 0.68),
        (cx + w * 0.01, h * 0.73),
        (cx - w * 0.01, h * 0.78),
        (cx + w * 0.03, h * 0.84),
    ]
    for i, (x, y) in enumerate(nodes):
        ellipse(d, x, y, w * (0.04 + 0.006 * i), h * 0.03, fill=(206, 170, 110))
        d.line([(x - w * 0.04, y + h * 0.005), (x + w * 0.04, y + h * 0.005)], fill=(170, 130, 80), width=3 * SS)
    d.line(
        bezier(nodes[-1], (cx + w * 0.08, h * 0.9), (cx - w * 0.02, h * 0.94), (cx + w * 0.05, h * 0.99)),
        fill=(196, 160, 104),
        width=10 * SS,
        joint="curve",
    )
    for k in range(8):
        x0, y0 = nodes[1 + k % 4]
        a = rng.uniform(0.3, 2.8)
        d.line(
            [(x0, y0), (x0 + math.cos(a) * w * 0.12, y0 + math.sin(a) * h * 0.08)], fill=(190, 156, 104), width=3 * SS
        )
    # stem, leaves in a whorl, berry cluster
    top = (cx, h * 0.24)
    d.line([(cx, h * 0.63), top], fill=(110, 90, 70), width=9 * SS)
    for k, ang in enumerate((-2.7, -1.9, -0.45, 0.35)):
        d.line(
            [(cx, h * 0.34), (cx + math.cos(ang) * w * 0.16, h * 0.34 + math.sin(ang) * h * 0.08)],
            fill=(90, 110, 60),
            width=6 * SS,
        )
        ginseng_leaf(
            d,
            cx + math.cos(ang) * w * 0.16,
            h * 0.34 + math.sin(ang) * h * 0.08,
            w * 0.2,
            ang,
            mix((60, 120, 60), (80, 140, 70), k / 3),
        )
    for _ in range(22):
        a = rng.uniform(0, math.tau)
        rr = rng.uniform(0, w * 0.04)
        ellipse(
            d,
            top[0] + math.cos(a) * rr,
            top[1] + math.sin(a) * rr * 0.8,
            w * 0.017,
            w * 0.017,
            fill=mix((200, 30, 30), (230, 60, 40), rng.random()),
        )


BROCADE_RED, BROCADE_BLACK, BROCADE_WHITE, BROCADE_YELLOW = (178, 34, 40), (26, 24, 26), (240, 234, 222), (226, 176, 50)


def brocade_band(d, x0, x1, y0, y1, rng, motif: int):
    hh = y1 - y0
    d.rectangle([x0, y0, x1, y1], fill=BROCADE_RED)
    d.rectangle([x0, y0 + hh * 0.08, x1, y0 + hh * 0.12], fill=BROCADE_WHITE)
    d.rectangle([x0, y1 - hh * 0.12, x1, y1 - hh * 0.08], fill=BROCADE_WHITE)
    s = hh * 0.32
    x = x0
    cy = (y0 + y1) / 2
    while x < x1 + s:
        if motif == 0:  # diamonds with a centre
            d.polygon([(x, cy - s), (x + s, cy), (x, cy + s), (x - s, cy)], fill=BROCADE_WHITE)
            d.polygon(
                [(x, cy - s * 0.55), (x + s * 0.55, cy), (x, cy + s * 0.55), (x - s * 0.55, cy)], fill=BROCADE_BLACK
            )
            d.polygon([(x, cy - s * 0.2), (x + s * 0.2, cy), (x, cy + s * 0.2), (x - s * 0.2, cy)], fill=BROCADE_YELLOW)
            x += s * 2.2
        elif motif == 1:  # facing triangles
            d.polygon([(x, cy - s), (x + s, cy - s), (x + s / 2, cy)], fill=BROCADE_WHITE)
            d.polygon([(x + s / 2, cy), (x + s * 1.5, cy), (x + s, cy + s)], fill=BROCADE_BLACK)
            x += s
        else:  # zigzag
            d.line(
                [(x, cy + s * 0.6), (x + s * 0.6, cy - s * 0.6), (x + s * 1.2, cy + s * 0.6)],
                fill=BROCADE_WHITE,
                width=round(hh * 0.06),
            )
            x += s * 1.2


def scene_brocade_hero(img, d, rng):
    w, h = img.size
    d.rectangle([0, 0, w, h], fill=BROCADE_BLACK)
    y = -h * 0.04
    k = 0
    while y < h:
        band = h * (0.17 if k % 2 == 0 else 0.07)
        if k % 2 == 0:
            brocade_band(d, 0, w, y, y + band, rng, (k // 2) % 3)
        else:
            d.rectangle([0, y + band * 0.42, w, y + band * 0.58], fill=BROCADE_YELLOW if k % 4 == 1 else BROCADE_WHITE)
        y += band + h * 0.03
        k += 1


def scene_brocade_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (238, 230, 214), (220, 208, 188))
    x0, x1, y0, y1 = w * 0.2, w * 0.8, h * 0.36, h * 0.82
    ellipse(d, w * 0.5, y1 + h * 0.01, w * 0.34, h * 0.03, fill=(190, 176, 156))
    for dx in (-0.12, 0.12):  # handles
        d.arc(
            [w * (0.5 + dx) - w * 0.12, h * 0.16, w * (0.5 + dx) + w * 0.12, h * 0.56],
            start=180,
            end=360,
            fill=(60, 40, 30),
            width=16 * SS,
        )
    d.polygon([(x0, y0), (x1, y0), (x1 + w * 0.04, y1), (x0 - w * 0.04, y1)], fill=(34, 30, 32))
    brocade_band(d, x0 - w * 0.02, x1 + w * 0.02, h * 0.5, h * 0.66, rng, 0)
    d.line([(x0, y0 + h * 0.02), (x1, y0 + h * 0.02)], fill=(90, 80, 76), width=4 * SS)  # zip
    for i in range(40):
        x = x0 + (x1 - x0) * i / 40
        d.line([(x, y0 + h * 0.012), (x, y0 + h * 0.028)], fill=(120, 110, 100), width=2 * SS)


def vase(d, cx, base, hgt, top: RGB, bottom: RGB):
    prof = []
    n = 60
    for i in range(n + 1):
        t = i / n  # 0 = bottom, 1 = lip
        r = hgt * (0.12 + 0.16 * math.sin(math.pi * min(1, t * 1.35)) ** 1.2)
        if t > 0.75:
            r = hgt * (0.08 + 0.08 * ((t - 0.75) / 0.25) ** 2)
        prof.append((t, r))
    for i in range(n):
        t0, r0 = prof[i]
        t1, r1 = prof[i + 1]
        y0, y1 = base - hgt * t0, base - hgt * t1
        d.polygon([(cx - r0, y0), (cx + r0, y0), (cx + r1, y1), (cx - r1, y1)], fill=mix(bottom, top, t0))
    return prof


def scene_pottery_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.5
    sky(img, d, horizon, (244, 176, 120), (250, 226, 180))
    soft_glow(img, w * 0.75, h * 0.32, h * 0.12, (255, 220, 160), 0.9)
    ellipse(d, w * 0.75, h * 0.32, h * 0.06, h * 0.06, fill=(255, 236, 190))
    vgrad(d, (0, horizon, w, h * 0.62), (226, 170, 120), (190, 140, 110))
    for _ in range(40):
        y = rng.uniform(horizon + 4, h * 0.61)
        x = rng.uniform(0, w)
        d.line([(x, y), (x + rng.uniform(30, 90) * SS, y)], fill=(246, 200, 150), width=3 * SS)
    vgrad(d, (0, h * 0.62, w, h), (176, 130, 90), (140, 100, 70))
    # kiln: brick dome with a chimney and smoke
    kx, ky = w * 0.28, h * 0.68
    d.rectangle([kx + w * 0.12, ky - h * 0.36, kx + w * 0.16, ky - h * 0.1], fill=(140, 70, 50))
    d.pieslice([kx - w * 0.2, ky - h * 0.28, kx + w * 0.2, ky + h * 0.28], start=180, end=360, fill=(170, 90, 60))
    for i in range(1, 6):
        d.arc(
            [kx - w * 0.2, ky - h * 0.28 * (1 - i / 12), kx + w * 0.2, ky + h * 0.28],
            start=180,
            end=360,
            fill=(150, 76, 50),
            width=3 * SS,
        )
    d.pieslice([kx - w * 0.05, ky - h * 0.1, kx + w * 0.05, ky + h * 0.1], start=180, end=360, fill=(50, 24, 16))
    soft_glow(img, kx, ky - h * 0.03, h * 0.05, (255, 150, 60), 0.7)
    for k in range(3):
        ellipse(
            d,
            kx + w * 0.14 + k * w * 0.03,
            ky - h * (0.4 + 0.06 * k),
            w * (0.025 + 0.01 * k),
            h * (0.02 + 0.008 * k),
            fill=(200, 190, 186),
        )
    glazes = [
        ((60, 110, 170), (90, 60, 90)),
        ((170, 120, 60), (110, 70, 40)),
        ((90, 140, 120), (60, 80, 70)),
        ((120, 70, 120), (70, 50, 60)),
        ((200, 160, 80), (140, 90, 50)),
    ]
    for i in range(5):
        top, bottom = glazes[i]
        vase(d, w * (0.58 + 0.085 * i), h * 0.86, h * rng.uniform(0.2, 0.3), top, bottom)


def scene_pottery_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (70, 60, 56), (40, 34, 32))
    d.rectangle([0, h * 0.88, w, h], fill=(96, 76, 60))
    ellipse(d, w * 0.5, h * 0.88, w * 0.2, h * 0.02, fill=(30, 24, 22))
    vase(d, w * 0.5, h * 0.88, h * 0.78, (50, 100, 170), (100, 60, 80))
    # a dragon in relief: a wavy body with a crest of spines, a head with horns and whiskers
    cx = w * 0.5
    body = [(cx + math.sin(k / 5.5) * w * 0.1, h * (0.75 - 0.011 * k)) for k in range(36)]
    relief, deep = (152, 172, 206), (96, 118, 164)
    for (x0, y0), (x1, y1) in list(itertools.pairwise(body))[::2]:
        ang = math.atan2(y1 - y0, x1 - x0) - math.pi / 2
        d.polygon([(x0, y0), (x0 + math.cos(ang) * w * 0.03, y0 + math.sin(ang) * w * 0.03), (x1, y1)], fill=deep)
    d.line(body, fill=relief, width=26 * SS, joint="curve")
    d.line(body, fill=deep, width=6 * SS, joint="curve")
    for x, y in body[2:-2:2]:
        d.arc([x - 9 * SS, y - 7 * SS, x + 9 * SS, y + 7 * SS], start=20, end=160, fill=(186, 200, 226), width=3 * SS)
    for fx in (0.2, 0.55):  # legs
        x, y = body[int(len(body) * fx)]
        d.line(
            [(x, y), (x + w * 0.05, y + h * 0.03), (x + w * 0.07, y + h * 0.025)],
            fill=relief,
            width=8 * SS,
            joint="curve",
        )
    hx, hy = body[-1]
    d.polygon(
        [
            (hx - w * 0.03, hy + h * 0.015),
            (hx + w * 0.06, hy - h * 0.005),
            (hx + w * 0.02, hy - h * 0.03),
            (hx - w * 0.03, hy - h * 0.02),
        ],
        fill=relief,
    )
    ellipse(d, hx + w * 0.005, hy - h * 0.012, 5 * SS, 5 * SS, fill=(40, 40, 60))
    d.line([(hx - w * 0.02, hy - h * 0.02), (hx - w * 0.05, hy - h * 0.06)], fill=relief, width=5 * SS)
    d.line([(hx, hy - h * 0.025), (hx - w * 0.01, hy - h * 0.07)], fill=relief, width=5 * SS)
    d.line(
        bezier(
            (hx + w * 0.06, hy),
            (hx + w * 0.1, hy + h * 0.02),
            (hx + w * 0.08, hy + h * 0.05),
            (hx + w * 0.11, hy + h * 0.07),
        ),
        fill=relief,
        width=3 * SS,
    )
    for k in range(3):  # small cloud swirls
        x, y = cx - w * 0.09 + k * w * 0.09, h * (0.3 + 0.12 * (k % 2))
        d.arc(
            [x - w * 0.025, y - h * 0.018, x + w * 0.025, y + h * 0.018],
            start=180,
            end=450,
            fill=(120, 140, 186),
            width=4 * SS,
        )
    # glaze highlight on the left shoulder
    d.line(
        bezier(
            (cx - w * 0.17, h * 0.66), (cx - w * 0.2, h * 0.58), (cx - w * 0.19, h * 0.5), (cx - w * 0.15, h * 0.44)
        ),
        fill=(116, 144, 196),
        width=10 * SS,
        joint="curve",
    )


def scene_sim_hero(img, d, rng):
    w, h = img.size
    horizon = h * 0.5
    sky(img, d, horizon, (150, 196, 226), (236, 240, 236))
    fill_below(d, ridge(w, h * 0.42, h * 0.05, rng), h, (120, 150, 130))
    hill = ridge(w, h * 0.52, h * 0.07, rng)
    fill_below(d, hill, h, (120, 160, 90))
    for _ in range(28):
        x = rng.uniform(0, w)
        y = _y_on(hill, x) + rng.uniform(0, h * 0.12)
        pine(d, x, y, h * rng.uniform(0.16, 0.3), mix((30, 70, 50), (50, 90, 60), rng.random()))
    # lake in front
    vgrad(d, (0, h * 0.78, w, h), (130, 170, 190), (90, 140, 170))
    for _ in range(30):
        y = rng.uniform(h * 0.79, h * 0.99)
        x = rng.uniform(0, w)
        d.line([(x, y), (x + rng.uniform(40, 120) * SS, y)], fill=(170, 200, 214), width=3 * SS)
    # rose myrtle bushes with purple flowers on the near slope
    for _ in range(16):
        x = rng.uniform(0, w)
        y = rng.uniform(h * 0.68, h * 0.77)
        r = h * rng.uniform(0.03, 0.05)
        ellipse(d, x, y, r * 1.4, r, fill=(70, 110, 60))
        for _ in range(9):
            ellipse(
                d,
                x + rng.uniform(-1.2, 1.2) * r,
                y + rng.uniform(-0.8, 0.6) * r,
                r * 0.14,
                r * 0.14,
                fill=mix((170, 90, 170), (210, 140, 200), rng.random()),
            )


def scene_sim_detail(img, d, rng):
    w, h = img.size
    vgrad(d, (0, 0, w, h), (240, 236, 228), (222, 214, 202))
    d.rectangle([0, h * 0.8, w, h], fill=(190, 160, 126))
    bx, base, bw = w * 0.38, h * 0.84, w * 0.2
    ellipse(d, bx + 8 * SS, base, bw * 0.7, h * 0.02, fill=(150, 124, 96))
    d.rounded_rectangle([bx - bw / 2, h * 0.38, bx + bw / 2, base], radius=bw * 0.15, fill=(76, 20, 60))
    d.polygon(
        [(bx - bw / 2, h * 0.42), (bx - bw * 0.14, h * 0.24), (bx + bw * 0.14, h * 0.24), (bx + bw / 2, h * 0.42)],
        fill=(76, 20, 60),
    )
    d.rectangle([bx - bw * 0.14, h * 0.13, bx + bw * 0.14, h * 0.25], fill=(76, 20, 60))
    d.rounded_rectangle([bx - bw * 0.17, h * 0.1, bx + bw * 0.17, h * 0.15], radius=6 * SS, fill=(200, 170, 110))
    d.rounded_rectangle([bx - bw * 0.36, h * 0.42, bx - bw * 0.24, h * 0.8], radius=8 * SS, fill=(130, 60, 110))
    d.rectangle([bx - bw * 0.42, h * 0.54, bx + bw * 0.42, h * 0.7], fill=(238, 230, 216))
    for k in range(3):
        d.line(
            [(bx - bw * 0.3, h * (0.58 + 0.035 * k)), (bx + bw * (0.3 - 0.1 * k), h * (0.58 + 0.035 * k))],
            fill=(110, 40, 90),
            width=4 * SS,
        )
    berries = [
        (0.66, 0.74),
        (0.72, 0.77),
        (0.78, 0.73),
        (0.7, 0.7),
        (0.76, 0.68),
        (0.82, 0.77),
        (0.64, 0.79),
        (0.86, 0.72),
    ]
    for k in range(4):
        leaf(d, w * 0.74, h * 0.7, w * 0.2, -1.3 + k * 0.55, w * 0.04, (80, 130, 70))
    for fx, fy in sorted(berries, key=lambda p: p[1]):
        x, y, r = w * fx, h * fy, w * 0.035
        ellipse(d, x, y, r * 0.85, r * 1.1, fill=(60, 24, 60))
        ellipse(d, x - r * 0.3, y - r * 0.35, r * 0.2, r * 0.25, fill=(140, 90, 140))
        ellipse(d, x, y - r * 1.05, r * 0.28, r * 0.12, fill=(120, 80, 70))
        for a in range(5):  # the little crown of sepals at the tip
            aa = -math.pi / 2 + (a - 2) * 0.45
            d.line(
                [(x, y - r * 1.05), (x + math.cos(aa) * r * 0.45, y - r * 1.05 + math.sin(aa) * r * 0.35)],
                fill=(150, 110, 90),
                width=4 * SS,
            )


SCENES: dict[str, tuple[Scene, Scene]] = {
    "ly-son-garlic": (scene_garlic_hero, scene_garlic_detail),
    "ly-son-shallot": (scene_shallot_hero, scene_shallot_detail),
    "tra-bong-cinnamon-oil": (scene_cinnamon_hero, scene_cinnamon_detail),
    "thi-pho-malt-syrup": (scene_malt_hero, scene_malt_detail),
    "sa-huynh-salt": (scene_salt_hero, scene_salt_detail),
    "go-co-village": (scene_goco_hero, scene_goco_detail),
    "tra-river-goby": (scene_goby_hero, scene_goby_detail),
    "hanh-thinh-lotus-tea": (scene_lotus_hero, scene_lotus_detail),
    "duc-nhuan-mushroom": (scene_mushroom_hero, scene_mushroom_detail),
    "ngoc-linh-ginseng": (scene_ginseng_hero, scene_ginseng_detail),
    "y-hoa-brocade-bag": (scene_brocade_hero, scene_brocade_detail),
    "my-thien-pottery": (scene_pottery_hero, scene_pottery_detail),
    "mang-den-sim-juice": (scene_sim_hero, scene_sim_detail),
}


def render(scene: Scene, size: tuple[int, int], seed: int) -> Image.Image:
    img = Image.new("RGB", (size[0] * SS, size[1] * SS), (255, 255, 255))
    scene(img, ImageDraw.Draw(img), random.Random(seed))
    return img.resize(size, Image.Resampling.LANCZOS)


def draw(slug: str) -> list[Path]:
    hero, detail = SCENES[slug]
    out = MEDIA / slug
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, scene, size in (("hero.jpg", hero, HERO), ("detail.jpg", detail, DETAIL)):
        seed = zlib.crc32(f"{slug}/{name}".encode())
        path = out / name
        render(scene, size, seed).save(path, "JPEG", **JPEG)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    slugs = argv or sorted(SCENES)
    unknown = [s for s in slugs if s not in SCENES]
    if unknown:
        print(f"no scene for: {', '.join(unknown)}; known: {', '.join(sorted(SCENES))}", file=sys.stderr)
        return 2
    for slug in slugs:
        for path in draw(slug):
            print(f"{path.relative_to(ROOT)}  {path.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
