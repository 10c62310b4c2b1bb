"""Responsive images: every photo in several widths, WebP plus a JPEG fallback.

Renditions are cached by the hash of the source file, so a rebuild only resizes new or changed
photos; the output carries no metadata, so the same photo always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps

WIDTHS = (480, 960, 1440)
FORMATS = {"webp": {"format": "WEBP", "quality": 80, "method": 4},
           "jpg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True}}
RECIPE = "v1"  # bump when WIDTHS or FORMATS change, to refresh the cache


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
        return ", ".join(f"{root}{self.file(w, ext)} {w}w" for w in self.widths)

    def size_at(self, width: int) -> tuple[int, int]:
        return width, round(self.height * width / self.width)


def plan_picture(source: Path, slug: str) -> Picture:
    """Widths to make for a photo: the standard ones below its own width, never upscaled."""
    with Image.open(source) as image:  # reads the header only
        width, height = image.size
        if image.getexif().get(0x0112, 1) in (5, 6, 7, 8):  # EXIF says the photo is turned 90°
            width, height = height, width
    widths = {w for w in WIDTHS if w < width} | {min(width, WIDTHS[-1])}
    return Picture(source=source, stem=f"media/{slug}/{source.stem}", width=width, height=height,
                   widths=tuple(sorted(widths)))


def write_pictures(pictures: list[Picture], site_dir: Path, cache_dir: Path, workers: int = 2) -> int:
    """Copy every rendition into `site_dir`, making the missing ones first; returns how many were made."""
    jobs = []
    for picture in pictures:
        key = _cache_key(picture)
        if not (cache_dir / key / "done").exists():
            jobs.append((str(picture.source), str(cache_dir / key), picture.widths))
    if len(jobs) > 2 and workers > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_make_renditions, *zip(*jobs, strict=False)))
    else:
        for job in jobs:
            _make_renditions(*job)
    for picture in pictures:
        folder = cache_dir / _cache_key(picture)
        for width in picture.widths:
            for ext in FORMATS:
                target = site_dir / picture.file(width, ext)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / f"{width}.{ext}", target)
    return len(jobs)


def _cache_key(picture: Picture) -> str:
    digest = hashlib.sha256(picture.source.read_bytes())
    digest.update(f"{RECIPE}{picture.widths}".encode())
    return digest.hexdigest()[:32]


def _make_renditions(source: str, folder: str, widths: tuple[int, ...]) -> None:
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    with Image.open(source) as original:
        image = ImageOps.exif_transpose(original).convert("RGB")
    for width in widths:
        height = round(image.height * width / image.width)
        resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
        for ext, options in FORMATS.items():
            tmp = out / f"{width}.{ext}.tmp{os.getpid()}"
            resized.save(tmp, **options)
            tmp.replace(out / f"{width}.{ext}")
    (out / "done").write_text("")
