"""Story text for print: the full story as HTML, and short excerpts as plain text.

Story passages arrive parsed and sanitised by the story reader (content/story_markup.py), with smart
quotes and dashes, which read better on paper.

Excerpts (flyer and catalogue): the first paragraph of a section, as plain text, cut to a number of
characters rather than words, because Vietnamese words are single syllables and run about half as long
as English ones. The cut falls after the last whole sentence that fits if that keeps at least
SENTENCE_SHARE of the limit, otherwise at the last space, followed by an ellipsis.
"""

from __future__ import annotations

import re
import unicodedata

from ocop_site.content.story_markup import Passage

SENTENCE_SHARE = 0.7
_SENTENCE_END = re.compile(r"[.!?…][”\")]?(?=\s)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def first_paragraph(passage: Passage) -> str:
    """The first paragraph of running text, as plain text; the first block of any kind if there is none."""
    blocks = [(prose, text) for prose, text in passage.print_blocks if text]
    return next((text for prose, text in blocks if prose), blocks[0][1] if blocks else "")


def excerpt(passage: Passage, limit: int) -> str:
    """The first paragraph of a story passage as plain text, at most `limit` characters (ellipsis included)."""
    plain = first_paragraph(passage)
    if len(plain) <= limit:
        return plain
    sentences = [m.end() for m in _SENTENCE_END.finditer(plain) if m.end() <= limit]
    if sentences and sentences[-1] >= limit * SENTENCE_SHARE:
        return plain[:sentences[-1]]
    head = plain[:limit - 1]  # room for the ellipsis
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:–-") + "…"
