"""Story text for print: the full story as HTML, and short excerpts as plain text.

Story passages arrive parsed and sanitised by the story reader (content/story_markup.py), with smart
quotes and dashes, which read better on paper.

Excerpts (flyer and catalogue): the first paragraph of a section, as plain text, cut to a number of
characters rather than words, because Vietnamese words are single syllables and run about half as long
as English ones. The cut falls after the last whole sentence that fits; only when even the first sentence
is longer than the limit is it cut at the last space, followed by an ellipsis — never inside a word.
A section with no paragraph of running text gives its first list, items joined with "; ", or nothing:
a table, a code block, a quote or a heading is never printed as an excerpt.

Sentence ends: a full stop, question or exclamation mark or ellipsis (closing quotes and brackets after it)
followed by a space and a capital letter, a digit or an opening quote or bracket, or by the end of the
text; a full stop after an abbreviation ("Mr.", "TP.", "ThS.", "v.v.") or an initial ("Q.", "P.") is not
one. So "sinh ra ở TP. Quảng Ngãi" and "founded by Mr. Nguyễn Văn An" stay inside their sentence.
"""

from __future__ import annotations

import re
import unicodedata

from ocop_site.content.story_markup import LIST, Passage

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]»]*(?=\s|$)")  # a candidate: sentence_ends says which are
_OPENING = "\"'“‘([«"  # what may start a sentence besides a capital letter or a digit
# Abbreviations written with a full stop before a name or a place, as written (case counts: "no." ends
# a sentence, "No. 5" does not), without their last full stop. Initials ("Q.", "P.", "A.") and dotted
# letters ("v.v.", "e.g.", "U.S.") are recognised by their shape.
ABBREVIATIONS = frozenset({
    "Mr", "Mrs", "Ms", "Dr", "St", "No", "Prof", "Jr", "Sr", "Mt", "Co", "Ltd", "vs",  # English
    "TP", "Tp", "TS", "ThS", "Th.S", "PGS", "GS", "KS", "BS", "TX", "TT",  # Vietnamese: city, titles, town
})
_DOTTED = re.compile(r"^(?:[^\W\d_]\.)*[^\W\d_]$")  # one letter, or letters each followed by a full stop


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def first_paragraph(passage: Passage) -> str:
    """The first paragraph of running text, as plain text; the first list (items joined with "; ") if there
    is none; else nothing (a table, code, a quote or a heading is not printed as an excerpt)."""
    lists = [text for kind, text in passage.print_blocks if kind == LIST and text]
    return (passage.print_paragraphs or lists or [""])[0]


def sentence_ends(plain: str) -> list[int]:
    """The offsets just after each sentence end of `plain` (the end of the text, if it ends one)."""
    ends = []
    for found in _SENTENCE_END.finditer(plain):
        following = plain[found.end():].lstrip()[:1]
        if following and not (following.isupper() or following.isdigit() or following in _OPENING):
            continue  # "…ở TP. quảng", "3 p.m. and": the sentence goes on
        if plain[found.start()] == "." and _abbreviation(plain[:found.start()]):
            continue
        ends.append(found.end())
    return ends


def _abbreviation(before: str) -> bool:
    """Whether the word just before a full stop is an abbreviation or an initial."""
    word = before.rsplit(None, 1)[-1].lstrip(_OPENING) if before.strip() else ""
    return word in ABBREVIATIONS or (bool(_DOTTED.match(word)) and (len(word) > 1 or word.isupper()))


def sentences(plain: str) -> list[str]:
    """The whole sentences of plain text (a rest that ends no sentence is not one)."""
    ends = sentence_ends(plain)
    return [plain[a:b].strip() for a, b in zip([0, *ends], ends, strict=False) if plain[a:b].strip()]


def excerpt(passage: Passage, limit: int) -> str:
    """The first paragraph of a story passage as plain text, at most `limit` characters (ellipsis included),
    ending at the last whole sentence that fits (a word is cut only when no sentence fits)."""
    plain = first_paragraph(passage)
    if len(plain) <= limit:
        return plain
    ends = [end for end in sentence_ends(plain) if end <= limit]
    if ends:
        return plain[:ends[-1]]
    head = plain[:limit - 1]  # room for the ellipsis
    cut = head.rsplit(" ", 1)[0] if " " in head else head
    if cut.endswith(".") and " " in cut and _abbreviation(cut[:-1]):
        cut = cut.rsplit(" ", 1)[0]  # "sinh ra ở…", not "sinh ra ở TP.…"
    return cut.rstrip(" ,;:–-") + "…"
