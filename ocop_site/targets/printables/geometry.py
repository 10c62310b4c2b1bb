"""Sizes in millimetres, for the templates (passed in as CSS lengths).

The paper, the bleed and the boxes photos fill are the model's (model/print_sizes.py), because the
loader's photo-resolution warning needs them too: they are named here again for the templates' modules.
The rest are the printables' own."""

from __future__ import annotations

from ocop_site.model.print_sizes import (
    A5,
    BACK_MM,
    BLEED_MM,
    BOOKLET_HERO,
    BROCHURE_COVER,
    BROCHURE_FOLD_IN,
    BROCHURE_INSIDE,
    COVER_MM,
    FLYER_HERO,
    FOLD_IN_MM,
    MIN_PPI,
    MM_PER_INCH,
    PhotoSlot,
    inside_photo_index,
)

__all__ = ["A4_LANDSCAPE", "A5", "BACK_MM", "BLEED_MM", "BOOKLET_HERO", "BROCHURE_COVER", "BROCHURE_FOLD_IN",
           "BROCHURE_INSIDE", "COVER_MM", "FLYER_HERO", "FOLD_IN_MM", "LOCATOR_BROCHURE_MM", "LOCATOR_FLYER_MM",
           "MARKS_MM", "MIN_PPI", "MM_PER_INCH", "QR_BOOKLET_MM", "QR_BROCHURE_MM", "QR_FLYER_MM", "PhotoSlot",
           "inside_photo_index"]

MARKS_MM = 7  # with crop marks the sheet grows by this much more, so the marks stay clear of the bleed

A4_LANDSCAPE = (297, 210)

QR_FLYER_MM = 26  # printed width of the QR code, quiet zone included (the module stays above 0.5 mm)
QR_BROCHURE_MM = 30
QR_BOOKLET_MM = 24

LOCATOR_BROCHURE_MM = (82, 62)  # the back panel's map
LOCATOR_FLYER_MM = (40, 34)
