"""The press kit's short (about 50 words) and long (about 150 words) descriptions.

A record may give its own texts under `press:`; otherwise they are the first whole sentences of
the story (its lead, then its sections), never cut inside a sentence. The lengths, and the warning
for a given text far from its length, are content rules: ocop_site/model/press.py.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ocop_site.content.stories import SECTIONS
from ocop_site.model.catalog import Product
from ocop_site.model.press import LANGUAGES, LENGTHS, word_count

__all__ = ["LANGUAGES", "LENGTHS", "Description", "description", "plain_text", "sentences", "word_count"]


_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")  # a sentence end, before the next sentence's first letter
_ABBREVIATIONS = {"tp", "mr", "mrs", "ms", "dr", "st", "no", "co", "ltd", "ths", "ts", "pgs", "gs", "vs"}
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3}|`+)(?=\S)(.+?)(?<=\S)\1")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+!|.-])")
_BLOCK_MARK = re.compile(r"^(#{1,6}\s|\s*([-*+]|\d+[.)])\s|\s*>)")


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


def plain_text(markdown: str) -> list[str]:
    """Paragraphs of prose from story Markdown: headings, lists and quotes left out, inline marks removed."""
    paragraphs = []
    for block in re.split(r"\n\s*\n", markdown):
        lines = [line for line in block.splitlines() if line.strip()]
        if not lines or any(_BLOCK_MARK.match(line) for line in lines):
            continue
        text = _LINK.sub(r"\1", " ".join(line.strip() for line in lines))
        text = _EMPHASIS.sub(r"\2", _EMPHASIS.sub(r"\2", text))
        paragraphs.append(html.unescape(_ESCAPE.sub(r"\1", text)))
    return paragraphs


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
    blocks = plain_text(story.lead) if story.lead else [getattr(product.record.summary, language)]
    for key in SECTIONS:
        blocks += plain_text(story.sections.get(key, ""))
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
