"""Story text for print: the full story as HTML, and short excerpts as plain text.

Story passages arrive parsed and sanitised by the story reader (content/story_markup.py), with smart
quotes and dashes, which read better on paper.

Excerpts (flyer and catalogue): the first paragraph of a section, as plain text, cut to a number of
characters rather than words, because Vietnamese words are single syllables and run about half as long
as English ones. The cut falls after the last whole sentence that fits; only when even the first sentence
is longer than the limit is it cut at the last space, followed by an ellipsis — never inside a word.
"""

from __future__ import annotations

import re
import unicodedata

from ocop_site.content.story_markup import Passage

_SENTENCE_END = re.compile(r"[.!?…][”\")]?(?=\s)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def first_paragraph(passage: Passage) -> str:
    """The first paragraph of running text, as plain text; the first block of any kind if there is none."""
    blocks = [(prose, text) for prose, text in passage.print_blocks if text]
    return next((text for prose, text in blocks if prose), blocks[0][1] if blocks else "")


def sentences(plain: str) -> list[str]:
    """Plain text split after each sentence end."""
    ends = [m.end() for m in _SENTENCE_END.finditer(plain + " ")]
    starts = [0, *ends]
    return [plain[a:b].strip() for a, b in zip(starts, ends, strict=False) if plain[a:b].strip()]


def excerpt(passage: Passage, limit: int) -> str:
    """The first paragraph of a story passage as plain text, at most `limit` characters (ellipsis included),
    ending at the last whole sentence that fits (a word is cut only when no sentence fits)."""
    plain = first_paragraph(passage)
    if len(plain) <= limit:
        return plain
    ends = [m.end() for m in _SENTENCE_END.finditer(plain) if m.end() <= limit]
    if ends:
        return plain[:ends[-1]]
    head = plain[:limit - 1]  # room for the ellipsis
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:–-") + "…"
