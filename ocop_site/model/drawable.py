"""The characters the site's typeface can draw, and the error for a product name with any other.

The share cards draw each product's names with Be Vietnam Pro in Pillow, which has no fallback font:
a character outside the typeface's Latin and Vietnamese subsets cannot be drawn. A content rule, so
the loader applies it and `validate`, the form editor and the build refuse such a name alike (before,
only the build found it, after the editor had saved it).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTFont

from ocop_site.i18n import LANGUAGES
from ocop_site.model.product import Product
from ocop_site.problems import Problem, problem

# the site's own font files (the share-card target merges the same files; tests check they agree)
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


def name_problems(product: Product) -> list[Problem]:
    """An error for each name of the product with a character the share card cannot draw."""
    problems = []
    for field in LANGUAGES:
        missing = undrawable(getattr(product.record.name, field))
        if missing:
            problems.append(problem(product.source.as_posix(), product.line(f"name.{field}"),
                                    "'name.{field}' has characters the share-card font cannot draw: {characters}",
                                    "use Vietnamese or English letters, digits and common punctuation",
                                    field=field, characters=" ".join(missing)))
    return problems
