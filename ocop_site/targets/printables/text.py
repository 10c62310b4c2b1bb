"""Story text for print: the full story as HTML, and short excerpts as plain text.

Story sections are safe Markdown (the story reader escaped raw HTML and attribute lists), rendered
with Python-Markdown and no raw-HTML extension. Smart quotes and dashes read better on paper.

Excerpts (flyer and catalogue): the first paragraph of a section, as plain text, cut to a number of
characters rather than words, because Vietnamese words are single syllables and run about half as long
as English ones. The cut falls after the last whole sentence that fits; only when even the first sentence
is longer than the limit is it cut at the last space, followed by an ellipsis — never inside a word.
"""

from __future__ import annotations

import re
import unicodedata

import markdown
from markupsafe import Markup

EXTENSIONS = ["sane_lists", "smarty"]
_NOT_PARAGRAPH = re.compile(r"^\s*(#|[-*+]\s|\d+[.)]\s|>|```|~~~)")
_SENTENCE_END = re.compile(r"[.!?…][”\")]?(?=\s)")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def to_html(text: str) -> Markup:
    """Safe Markdown → HTML (the input never holds raw HTML: see content/stories.py)."""
    return Markup(markdown.markdown(nfc(text), extensions=EXTENSIONS, output_format="html"))


def to_plain(text: str) -> str:
    """Markdown → plain text: markup dropped, entities decoded, whitespace collapsed."""
    return " ".join(to_html(text).striptags().split())


def first_paragraph(text: str) -> str:
    """The first block of running text; the first block of any kind if there is none."""
    blocks = [block.strip() for block in re.split(r"\n\s*\n", text) if block.strip()]
    return next((block for block in blocks if not _NOT_PARAGRAPH.match(block)), blocks[0] if blocks else "")


def sentences(plain: str) -> list[str]:
    """Plain text split after each sentence end."""
    ends = [m.end() for m in _SENTENCE_END.finditer(plain + " ")]
    starts = [0, *ends]
    return [plain[a:b].strip() for a, b in zip(starts, ends, strict=False) if plain[a:b].strip()]


def excerpt(text: str, limit: int) -> str:
    """The first paragraph of a Markdown section as plain text, at most `limit` characters (ellipsis included)."""
    plain = to_plain(first_paragraph(text))
    if len(plain) <= limit:
        return plain
    ends = [m.end() for m in _SENTENCE_END.finditer(plain) if m.end() <= limit]
    if ends:
        return plain[:ends[-1]]
    head = plain[:limit - 1]  # room for the ellipsis
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    return cut.rstrip(" ,;:–-") + "…"
