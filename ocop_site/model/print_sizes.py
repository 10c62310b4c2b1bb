"""The printed pieces' sizes that a content rule needs: the paper, the bleed and the boxes photos fill.

One source for the loader's photo-resolution rule (model/print_photos.py) and the printables that draw
the boxes (targets/printables/geometry.py passes them to the templates as CSS lengths), so that the
warning and the paper can never disagree. Sizes in millimetres.
"""

from __future__ import annotations

from dataclasses import dataclass

from ocop_site.problems import Term

BLEED_MM = 3  # artwork runs this far past the trim on every side
MIN_PPI = 250  # photos print at this resolution or more
MM_PER_INCH = 25.4

A5 = (148, 210)

# The tri-fold, left to right on the outside page; the inside page is its mirror image (see brochure.py).
FOLD_IN_MM, BACK_MM, COVER_MM = 97, 100, 100


@dataclass(frozen=True)
class PhotoSlot:
    """A box a photo fills (CSS object-fit: cover), bleed included where it runs off the trim."""

    name: str  # e.g. "flyer hero"
    document: str  # how a message names the printed piece, a phrase of the message catalogue: "A5 flyer"
    width_mm: float
    height_mm: float

    def printed_width_mm(self, pixel_width: int, pixel_height: int) -> float:
        """Width of the whole photo once scaled to cover the box (the part outside it is cropped)."""
        return max(self.width_mm, self.height_mm * pixel_width / pixel_height)


# Full-bleed boxes are 6 mm wider than the trim: 3 mm of bleed each side. A 3:2 photo fills them with
# its whole width, so they crop nothing sideways.
FLYER_HERO = PhotoSlot("flyer hero", Term("A5 flyer"), A5[0] + 2 * BLEED_MM, 100)
BROCHURE_COVER = PhotoSlot("brochure cover", Term("A4 brochure"), COVER_MM + BLEED_MM, 98)
BOOKLET_HERO = PhotoSlot("catalogue page", Term("A5 catalogue"), A5[0] + 2 * BLEED_MM, 86)

BROCHURE_FOLD_IN = PhotoSlot("brochure fold-in panel", Term("A4 brochure"), 79, 58)  # the second photo
# The inside's first panel opens on a photo across its top, into the bleed: the third photo, else the
# first (the second is on the fold-in panel, which faces it when the brochure is half open).
BROCHURE_INSIDE = PhotoSlot("brochure inside", Term("A4 brochure"), COVER_MM + BLEED_MM, 72)


def inside_photo_index(count: int) -> int:
    """Which photo opens the brochure's inside, of `count` photos."""
    return 2 if count > 2 else 0


def photo_slots(count: int) -> list[tuple[int, PhotoSlot]]:
    """(index in the record's images, box) for every box a product with `count` photos fills."""
    slots = [(0, FLYER_HERO), (0, BROCHURE_COVER), (0, BOOKLET_HERO)]
    if count > 1:
        slots.append((1, BROCHURE_FOLD_IN))
    slots.append((inside_photo_index(count), BROCHURE_INSIDE))
    return slots
