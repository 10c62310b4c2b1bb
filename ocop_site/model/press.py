"""How long a press description should be, and the warning for a text the record gives far from it.

A content rule, so the loader applies it: `validate`, `build` (also when nothing changed), `serve`
and the editor report the same warnings. Words are counted as whitespace-separated tokens, so a
Vietnamese count is of syllables, as Vietnamese writers count "chữ".
"""

from __future__ import annotations

from dataclasses import dataclass

from ocop_site.i18n import LANGUAGES
from ocop_site.model.product import Product
from ocop_site.problems import Problem, values_of


@dataclass(frozen=True)
class Length:
    target: int
    low: int
    high: int


LENGTHS = {"short": Length(50, 35, 65), "long": Length(150, 105, 195)}


def word_count(text: str) -> int:
    return len(text.split())


def length_warnings(product: Product) -> list[Problem]:
    """A warning for each text the record gives that is far from its length (outside the window)."""
    press = product.record.press
    if press is None:
        return []
    warnings = []
    for kind, length in LENGTHS.items():
        given = getattr(press, kind)
        for language in LANGUAGES if given is not None else ():
            words = word_count(getattr(given, language))
            if length.low <= words <= length.high:
                continue
            warnings.append(Problem(
                product.source.as_posix(), product.line(f"press.{kind}.{language}"),
                "'press.short.{language}' has {words} words; a short press description has about {target} "
                "({low}-{high})" if kind == "short" else "'press.long.{language}' has {words} words; a long press "
                "description has about {target} ({low}-{high})",
                "write about {target} words, or remove 'press.{kind}' to use the start of the story",
                values_of({"kind": kind, "language": language, "words": words, "target": length.target,
                           "low": length.low, "high": length.high})))
    return warnings
