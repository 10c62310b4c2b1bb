"""The press kit's short (about 50 words) and long (about 150 words) descriptions.

A record may give its own texts under `press:`; otherwise they are the first whole sentences of
the story (its lead, then its sections), never cut inside a sentence. Words are counted as
whitespace-separated tokens, so a Vietnamese count is of syllables, as Vietnamese writers count "chữ".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocop_site.content.stories import LEAD, SECTIONS
from ocop_site.content.story_markup import Passage
from ocop_site.content.yaml_source import parse
from ocop_site.model.catalog import Product
from ocop_site.problems import Problem

LANGUAGES = ("vi", "en")


@dataclass(frozen=True)
class Length:
    target: int
    low: int
    high: int


LENGTHS = {"short": Length(50, 35, 65), "long": Length(150, 105, 195)}

_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")  # a sentence end, before the next sentence's first letter
_ABBREVIATIONS = {"tp", "mr", "mrs", "ms", "dr", "st", "no", "co", "ltd", "ths", "ts", "pgs", "gs", "vs"}


@dataclass(frozen=True)
class Description:
    paragraphs: tuple[str, ...]
    from_record: bool

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        return word_count(self.text)


def word_count(text: str) -> int:
    return len(text.split())


def description(product: Product, kind: str, language: str) -> Description:
    """The `kind` ("short" or "long") description of a product in `language`."""
    press = product.record.press
    given = getattr(press, kind, None) if press else None
    if given is not None:
        text: str = getattr(given, language)
        paragraphs = tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
        return Description(paragraphs, from_record=True)
    return Description(_derive(_story_blocks(product, language), LENGTHS[kind].target, LENGTHS[kind].high),
                       from_record=False)


def length_warnings(product: Product) -> list[Problem]:
    """A warning for each text the record gives that is far from its length (outside the window)."""
    press = product.record.press
    if press is None:
        return []
    path = product.source.as_posix()
    doc = None
    warnings = []
    for kind, length in LENGTHS.items():
        given = getattr(press, kind)
        for language in LANGUAGES if given is not None else ():
            words = word_count(getattr(given, language))
            if length.low <= words <= length.high:
                continue
            if doc is None:  # the record was valid when loaded: read it again only for line numbers
                doc = parse(product.source.read_text(encoding="utf-8"))
            warnings.append(Problem(
                path, doc.line_of(("press", kind, language)),
                f"'press.{kind}.{language}' has {words} words; a {kind} press description has about "
                f"{length.target} ({length.low}-{length.high})",
                f"write about {length.target} words, or remove 'press.{kind}' to use the start of the story"))
    return warnings


def plain_text(passage: Passage) -> list[str]:
    """Paragraphs of prose of a story passage: headings, lists, quotes and code left out, inline marks removed."""
    return passage.paragraphs


def sentences(paragraph: str) -> list[str]:
    """Split at sentence ends followed by a capital letter or digit, not after common abbreviations."""
    found, start = [], 0
    for end in _END.finditer(paragraph):
        following = paragraph[end.end():end.end() + 1]
        before = paragraph[start:end.start()].split()
        word = before[-1].casefold().strip("(\"“'") if before else ""
        if following and (following.isupper() or following.isdigit() or following in "\"“‘(") \
                and word not in _ABBREVIATIONS:
            found.append(paragraph[start:end.end()].strip())
            start = end.end()
    rest = paragraph[start:].strip()
    return [*found, rest] if rest else found


def _story_blocks(product: Product, language: str) -> list[str]:
    story = product.stories[language]
    lead = story.passages.get(LEAD)
    blocks = plain_text(lead) if lead else [getattr(product.record.summary, language)]
    for key in SECTIONS:
        if key in story.passages:
            blocks += plain_text(story.passages[key])
    return blocks


def _derive(blocks: list[str], target: int, high: int) -> tuple[str, ...]:
    """Whole sentences from the start for as long as each brings the count nearer the target, never
    past `high` words (the first sentence is always taken, however long)."""
    paragraphs: list[str] = []
    total = 0
    for block in blocks:
        taken: list[str] = []
        found = sentences(block)
        for sentence in found:
            words = word_count(sentence)
            if total and (total + words > high or total + words - target > target - total):
                break  # past the window, or further from the target than without this sentence
            taken.append(sentence)
            total += words
        if taken:
            paragraphs.append(" ".join(taken))
        if len(taken) < len(found) or total >= target:
            break
    return tuple(paragraphs)
