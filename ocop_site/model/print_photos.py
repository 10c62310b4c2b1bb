"""Photo resolution for print: every box a photo fills in the flyer, the brochure or the catalogue, and
whether the source has the pixels to print it at MIN_PPI.

A content rule, so the loader applies it: `validate`, `build` (also when nothing changed), `serve` and
the editor report the same warnings, at the record's `images` line of the photo. It needs only each
photo's size, which the content layer reads from the file's header (content/photos.py), and the boxes
(model/print_sizes.py, the printables' own sizes).

A box is filled as CSS `object-fit: cover` does: the photo is scaled to cover it and the overflow is
cropped, so the printed width of the whole photo (not of the box) sets the pixels it needs.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from ocop_site.model.print_sizes import BOOKLET_HERO, MIN_PPI, MM_PER_INCH, photo_slots
from ocop_site.model.product import Product
from ocop_site.problems import Problem, Term, values_of


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
    checks = []
    for index, slot in photo_slots(len(product.record.images)):
        width, height = product.photo_sizes[index]
        printed = round(float(slot.printed_width_mm(width, height)), 1)
        checks.append(PhotoCheck(index, product.image_path(index), slot.name, slot.document, printed,
                                 math.ceil(printed / MM_PER_INCH * MIN_PPI), width))
    return checks


def resolution_warnings(product: Product, today: dt.date) -> list[Problem]:
    """A warning for each photo too small for a printed piece, at the record's line of the photo: one per
    photo and piece, for the box of that piece that needs the most pixels (the brochure prints its first
    photo twice). The catalogue booklet counts only while the product is in it (certificate in force)."""
    widest: dict[tuple[int, str], PhotoCheck] = {}
    in_catalogue = product.in_force(today)
    for check in photo_checks(product):
        key = (check.index, check.document)
        if check.slot == BOOKLET_HERO.name and not in_catalogue:
            continue
        if check.too_small and (key not in widest or check.needed_px > widest[key].needed_px):
            widest[key] = check
    return [_warning(product, check) for check in widest.values()]


def _warning(product: Product, check: PhotoCheck) -> Problem:
    return Problem(
        product.source.as_posix(), product.line(f"images.{check.index}.file"),
        "photo {file} is {width} px wide; the {piece} prints it {printed} mm wide, which needs {needed} px at "
        "{ppi} ppi",
        "use a copy at least {needed} px wide: the camera's original, not one made smaller for the web or a chat app",
        values_of({"file": check.path.as_posix(), "width": check.source_px, "piece": Term(check.document),
                   "printed": f"{check.printed_mm:g}", "needed": check.needed_px, "ppi": MIN_PPI}))
