"""The press kit's short (about 50 words) and long (about 150 words) descriptions.

A record may give its own texts under `press:`; otherwise they are the first whole sentences of
the story (its lead, then its sections), never cut inside a sentence. The lengths, and the warning
for a given text far from its length, are content rules: ocop_site/model/press.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ocop_site.content.stories import LEAD, SECTIONS
from ocop_site.content.story_markup import Passage
from ocop_site.model.catalog import Product
from ocop_site.model.press import LANGUAGES, LENGTHS, word_count

__all__ = ["LANGUAGES", "LENGTHS", "Description", "description", "plain_text", "sentences", "word_count"]


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
