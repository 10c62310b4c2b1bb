"""Responsive images: every photo in several widths as WebP, and one JPEG at the largest width.

WebP at every width: every browser the site supports (those of Material for MkDocs: current Chrome,
Edge, Firefox, Safari 14 and later, their Android and iOS versions) reads WebP. One JPEG, the largest:
the `<img>` fallback inside `<picture>` for a browser that reads no WebP, and the photo named in the
page's JSON-LD and press kits, where a crawler or a journalist may want a JPEG. (Three JPEG widths
cost a fifth of a photo's CPU time and were fetched by no supported browser.)

A camera-size JPEG is decoded at 1/2, 1/4 or 1/8 of its size when that still leaves at least the
largest width (Pillow's `draft`: the decoder skips the detail, 0.6× the CPU of a full decode and
resize); smaller photos are decoded whole, so their renditions do not change.

Renditions are cached by the hash of the source file (targets/cache.py), so a rebuild only resizes
new or changed photos; the output carries no metadata, so the same photo always gives the same bytes.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

from ocop_site.content.yaml_source import nfc
from ocop_site.model.catalog import Catalog
from ocop_site.targets.cache import Files, Job, OutputCache, file_digest, make_key

WIDTHS = (480, 960, 1440)
# WebP method 2 rather than the default 4: a third less CPU for files about 3 % larger
FORMATS = {"webp": {"format": "WEBP", "quality": 80, "method": 2},
           "jpg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True}}
JPEG_WIDTHS = "largest"  # JPEG only at the picture's largest width (see above)
RECIPE = f"{WIDTHS} {FORMATS} cascade draft jpeg-{JPEG_WIDTHS}"  # in the cache key: a new recipe makes new files


@dataclass(frozen=True)
class Picture:
    """One source photo and the files made from it (paths relative to the site root)."""

    source: Path
    stem: str  # e.g. media/ly-son-garlic/hero
    width: int
    height: int
    widths: tuple[int, ...]

    def file(self, width: int, ext: str) -> str:
        return f"{self.stem}-{width}.{ext}"

    def srcset(self, ext: str, root: str) -> str:
        return ", ".join(f"{root}{self.file(w, ext)} {w}w" for w in self.widths_in(ext))

    def widths_in(self, ext: str) -> tuple[int, ...]:
        """The widths made in the format `ext`: every width in WebP, the largest in JPEG."""
        return self.widths if ext == "webp" else self.widths[-1:]

    def size_at(self, width: int) -> tuple[int, int]:
        return width, round(self.height * width / self.width)


def plan_pictures(catalog: Catalog) -> dict[tuple[str, int], Picture]:
    """Every product photo's plan, by (slug, index)."""
    return {(product.slug, index): plan_picture(product.image_path(index), product.slug)
            for product in catalog.products.values()
            for index in range(len(product.record.images))}


def plan_picture(source: Path, slug: str) -> Picture:
    """Widths to make for a photo: the standard ones below its own width, never upscaled."""
    with Image.open(source) as image:  # reads the header only
        width, height = image.size
        if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # EXIF says the photo is turned 90°
            width, height = height, width
    widths = {w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])}
    # NFC: a name stored decomposed (copied from macOS) is published as the record writes it
    return Picture(source=source, stem=f"media/{slug}/{nfc(source.stem)}", width=width, height=height,
                   widths=tuple(sorted(widths)))


def picture_jobs(pictures: list[Picture]) -> dict[Picture, Job]:
    return {p: Job(make_key("picture", RECIPE, file_digest(p.source), p.widths),
                   _renditions, (str(p.source), p.widths)) for p in pictures}


def picture_outputs(jobs: dict[Picture, Job], cache: OutputCache) -> dict[str, Path]:
    """Site path → cached file, for every rendition of every picture."""
    return {picture.file(width, ext): cache.path(job.key, f"{width}.{ext}")
            for picture, job in jobs.items() for ext in FORMATS for width in picture.widths_in(ext)}


def _renditions(source: str, widths: tuple[int, ...]) -> Files:
    with Image.open(source) as original:
        _decode_small(original, max(widths))
        image = ImageOps.exif_transpose(original).convert("RGB")
    files: Files = {}
    larger = image  # each width is resized from the next larger one: cheaper than from the original
    for width in sorted(widths, reverse=True):
        height = round(image.height * width / image.width)
        resized = larger if width == larger.width else larger.resize((width, height), Image.Resampling.LANCZOS)
        larger = resized
        for ext in ("webp", "jpg") if width == max(widths) else ("webp",):
            buffer = io.BytesIO()
            resized.save(buffer, **FORMATS[ext])
            files[f"{width}.{ext}"] = buffer.getvalue()
    return files


def _decode_small(image: Image.Image, width: int) -> None:
    """Ask a JPEG decoder for the smallest 1/2, 1/4 or 1/8 scale still `width` wide once turned upright."""
    if image.format != "JPEG":
        return
    stored_width, stored_height = image.size
    turned = image.getexif().get(0x0112, 1) in (5, 6, 7, 8)  # EXIF: the stored height is the upright width
    scale = width / (stored_height if turned else stored_width)
    if scale <= 0.5:
        image.draft("RGB", (math.ceil(stored_width * scale), math.ceil(stored_height * scale)))
