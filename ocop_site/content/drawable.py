"""The characters the site's typeface can draw: a content rule for every text a share card shows.

The share cards draw each product's names and the site's title with Be Vietnam Pro in Pillow, which
has no fallback font: a character outside the typeface's Latin and Vietnamese subsets cannot be drawn.
So the loader refuses such a text, and `validate`, the form editor and the build refuse it alike
(before, only the build found it, after the editor had saved it).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from ocop_site.problems import Problem, problem

# the site's own font files, read as data (the share-card target merges the same files; tests check they agree)
FONT_DIR = Path(__file__).resolve().parent.parent / "targets" / "site" / "assets" / "fonts"
WEIGHTS = (400, 700)


@cache
def drawable() -> frozenset[int]:
    """The code points every weight of the typeface has, over both subsets."""
    weights = []
    for weight in WEIGHTS:
        points: set[int] = set()
        for path in sorted(FONT_DIR.glob(f"be-vietnam-pro-*-{weight}-normal.woff2")):
            points |= set(TTFont(path, lazy=True)["cmap"].getBestCmap())
        weights.append(points)
    return frozenset(set.intersection(*weights))


def undrawable(text: str) -> list[str]:
    """The characters of `text` (NFC, as drawn) the typeface lacks, each once, in order."""
    have = drawable()
    return [char for char in dict.fromkeys(unicodedata.normalize("NFC", text)) if ord(char) not in have]


def undrawable_problem(path: str, line: int, key: str, text: str) -> Problem | None:
    """The error for a text of field `key` (e.g. 'name.en') with a character the share card cannot draw."""
    missing = undrawable(text)
    if not missing:
        return None
    return problem(path, line, "'{key}' has characters the share-card font cannot draw: {characters}",
                   "use Vietnamese or English letters, digits and common punctuation",
                   key=key, characters=" ".join(missing))
