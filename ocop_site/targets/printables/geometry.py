"""Sizes in millimetres, one source for the templates (passed in as CSS lengths) and the photo checks."""

from __future__ import annotations

from dataclasses import dataclass

BLEED_MM = 3  # artwork runs this far past the trim on every side
MARKS_MM = 7  # with crop marks the sheet grows by this much more, so the marks stay clear of the bleed
MIN_PPI = 250  # photos print at this resolution or more
MM_PER_INCH = 25.4

A5 = (148, 210)
A4_LANDSCAPE = (297, 210)

# The tri-fold, left to right on the outside page; the inside page is its mirror image (see brochure.py).
FOLD_IN_MM, BACK_MM, COVER_MM = 97, 100, 100

QR_FLYER_MM = 26  # printed width of the QR code, quiet zone included (the module stays above 0.5 mm)
QR_BROCHURE_MM = 30
QR_BOOKLET_MM = 24


@dataclass(frozen=True)
class PhotoSlot:
    """A box a photo fills (CSS object-fit: cover), bleed included where it runs off the trim."""

    name: str  # e.g. "flyer hero"
    document: str  # how a message names the printed piece, e.g. "A5 flyer"
    width_mm: float
    height_mm: float

    def printed_width_mm(self, pixel_width: int, pixel_height: int) -> float:
        """Width of the whole photo once scaled to cover the box (the part outside it is cropped)."""
        return max(self.width_mm, self.height_mm * pixel_width / pixel_height)


# Full-bleed boxes are 6 mm wider than the trim: 3 mm of bleed each side. A 3:2 photo fills them with
# its whole width, so they crop nothing sideways.
FLYER_HERO = PhotoSlot("flyer hero", "A5 flyer", A5[0] + 2 * BLEED_MM, 100)
BROCHURE_COVER = PhotoSlot("brochure cover", "A4 brochure", COVER_MM + BLEED_MM, 98)
BOOKLET_HERO = PhotoSlot("catalogue page", "A5 catalogue", A5[0] + 2 * BLEED_MM, 86)

BROCHURE_FOLD_IN = PhotoSlot("brochure fold-in panel", "A4 brochure", 79, 58)  # the second photo
GALLERY_WIDTH_MM = 80  # a column of the brochure's inside
GALLERY_HEIGHT_MM = 110  # at most this much of it for photos
GALLERY_GAP_MM = 3


def gallery_slot(count: int) -> PhotoSlot:
    """The box of each of `count` photos (the third on) that close the brochure's story: one to a row up to two photos,
    then two to a row; the rows share the height."""
    columns = 1 if count <= 2 else 2
    rows = -(-count // columns)
    width = (GALLERY_WIDTH_MM - (columns - 1) * GALLERY_GAP_MM) / columns
    height = min(width * 2 / 3, (GALLERY_HEIGHT_MM - (rows - 1) * GALLERY_GAP_MM) / rows)
    return PhotoSlot("brochure photo", "A4 brochure", round(width, 2), round(height, 2))
