"""Be Vietnam Pro for Pillow: the site's WOFF2 subsets (Latin + Vietnamese) merged into one TTF.

The site serves each weight as two subset files; Pillow draws with one font, so both subsets of a
weight are decompressed, unhinted and merged (fontTools) in memory, once per process (about 0.2 s a
weight), then every size is a cached FreeTypeFont. Nothing depends on fonts installed on the machine.

Why unhinted: fontTools.merge keeps the glyph instructions of the first font only, so a merged
font would hint 'a' but not 'ă'; without hinting every glyph is drawn alike (hinting is of no use
at these sizes on a picture that is scaled anyway), and FreeType measures text about four times faster.
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path

from fontTools.merge import Merger, Options
from fontTools.ttLib import TTFont
from PIL import ImageFont

FONT_DIR = Path(__file__).resolve().parent.parent / "site" / "assets" / "fonts"
SUBSETS = ("latin", "vietnamese")
WEIGHTS = (400, 700)  # the site's own weights
HINTING_TABLES = ("cvt ", "cvar", "fpgm", "prep", "hdmx", "VDMX", "LTSH")


def font_files(weight: int) -> list[Path]:
    """The WOFF2 files merged into the font of a weight (part of a card's cache key)."""
    if weight not in WEIGHTS:
        raise ValueError(f"no share-card font of weight {weight}; use one of {WEIGHTS}")
    return [FONT_DIR / f"be-vietnam-pro-{subset}-{weight}-normal.woff2" for subset in SUBSETS]


def unhinted(path: Path) -> TTFont:
    """A WOFF2 file as a plain TrueType font without hinting instructions."""
    font = TTFont(path, recalcTimestamp=False)
    font.flavor = None  # WOFF2 → plain sfnt, which fontTools.merge reads
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    glyf = font["glyf"]
    for name in font.getGlyphOrder():
        glyf[name].removeHinting()
    maxp = font["maxp"]  # as fontTools.subset does with hinting=False
    maxp.maxZones, maxp.maxTwilightPoints, maxp.maxStorage = 1, 0, 0
    maxp.maxFunctionDefs = maxp.maxInstructionDefs = maxp.maxStackElements = maxp.maxSizeOfInstructions = 0
    return font


@cache
def merged_font(weight: int) -> bytes:
    """One TTF with the glyphs of every subset of the weight; the same files give the same bytes."""
    parts = [unhinted(path) for path in font_files(weight)]
    merged = Merger(options=Options(drop_tables=[])).merge([io.BytesIO(_save(part)) for part in parts])
    merged["head"].created = parts[0]["head"].created  # the merger writes the clock here
    merged["head"].modified = parts[0]["head"].modified
    merged.recalcTimestamp = False
    return _save(merged)


def _save(font: TTFont) -> bytes:
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def _codepoints(weight: int) -> frozenset[int]:
    return frozenset(TTFont(io.BytesIO(merged_font(weight)))["cmap"].getBestCmap())


@cache
def font(weight: int, size: int) -> ImageFont.FreeTypeFont:
    # Basic layout (no Raqm): NFC Vietnamese needs no shaping, and the result does not depend on
    # whether the machine's Pillow has libraqm.
    return ImageFont.truetype(io.BytesIO(merged_font(weight)), size, layout_engine=ImageFont.Layout.BASIC)


def font_covers(text: str, weight: int) -> list[str]:
    """The characters of `text` (as drawn: NFC) that the font of `weight` lacks, each once, in order."""
    have = _codepoints(weight)
    return [char for char in dict.fromkeys(unicodedata.normalize("NFC", text)) if ord(char) not in have]
