"""Photo resolution for print: every box a photo fills in the flyer, the brochure or the catalogue, and
whether the source has the pixels to print it at MIN_PPI.

A box is filled as CSS `object-fit: cover` does: the photo is scaled to cover it and the overflow is
cropped, so the printed width of the whole photo (not of the box) sets the pixels it needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from ocop_site.i18n import LANGUAGES
from ocop_site.model.catalog import Product
from ocop_site.problems import Term, fill, phrase
from ocop_site.targets.printables.geometry import (
    BOOKLET_HERO,
    BROCHURE_COVER,
    BROCHURE_FOLD_IN,
    BROCHURE_INSIDE,
    FLYER_HERO,
    MIN_PPI,
    MM_PER_INCH,
    PhotoSlot,
    inside_photo_index,
)

_ROTATED = {5, 6, 7, 8}  # EXIF orientations that turn the photo a quarter: width and height swap


@dataclass(frozen=True)
class PhotoCheck:
    index: int  # in the record's images; 0 is the hero photo
    path: Path
    slot: str  # e.g. "flyer hero"
    document: str  # e.g. "A5 flyer"
    printed_mm: float  # width of the whole photo on paper
    needed_px: int  # width in pixels for MIN_PPI
    source_px: int  # width of the source, as displayed (EXIF rotation applied)

    @property
    def too_small(self) -> bool:
        return self.source_px < self.needed_px


def photo_checks(product: Product) -> list[PhotoCheck]:
    """One check per photo and box it fills, in the order of the images."""
    count = len(product.record.images)
    slots: list[tuple[int, PhotoSlot]] = [(0, FLYER_HERO), (0, BROCHURE_COVER), (0, BOOKLET_HERO)]
    if count > 1:
        slots.append((1, BROCHURE_FOLD_IN))
    slots.append((inside_photo_index(count), BROCHURE_INSIDE))
    checks = []
    for index, slot in slots:
        path = product.image_path(index)
        width, height = _displayed_size(path)
        printed = round(float(slot.printed_width_mm(width, height)), 1)
        checks.append(PhotoCheck(index, path, slot.name, slot.document, printed,
                                 math.ceil(printed / MM_PER_INCH * MIN_PPI), width))
    return checks


def photo_warning(check: PhotoCheck, language: str = "en") -> str:
    """E.g. 'content/media/x/hero.jpg is 900 px wide; the A5 flyer prints it 154 mm wide, which needs 1516 px
    at 250 ppi', in `language`."""
    said = phrase("{file} is {width} px wide; the {piece} prints it {printed} mm wide, which needs {needed} px at "
                  "{ppi} ppi", file=check.path.as_posix(), width=check.source_px, piece=Term(check.document),
                  printed=f"{check.printed_mm:g}", needed=check.needed_px, ppi=MIN_PPI)
    return fill(said.template, said.values, language)


def photo_warnings(product: Product) -> list[str]:
    """The warnings for the photos of `product` that are too small, one per photo and piece."""
    return [photo_warning(check) for check in photo_checks(product) if check.too_small]


def said_photo_warnings(product: Product) -> list[dict[str, str]]:
    """The same warnings, each in every language ({"vi": …, "en": …}): the CLI shows the one it speaks."""
    return [{language: photo_warning(check, language) for language in LANGUAGES}
            for check in photo_checks(product) if check.too_small]


def _displayed_size(path: Path) -> tuple[int, int]:
    with Image.open(path) as image:
        width, height = image.size
        if image.getexif().get(0x0112) in _ROTATED:
            return height, width
    return width, height
