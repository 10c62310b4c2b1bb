"""Measuring and wrapping text by its ink, with the share-card fonts."""

from __future__ import annotations

from functools import cache

from ocop_site.targets.share.fonts import font


@cache
def _glyph(weight: int, size: int, char: str) -> tuple[float, int, int, int, int]:
    face = font(weight, size)
    return (face.getlength(char), *face.getbbox(char, anchor="ls"))


def ink(text: str, weight: int, size: int) -> tuple[float, float, float, float]:
    """The ink box of `text` drawn with its baseline start at (0, 0), exactly as `getbbox` gives it.

    Basic layout does no kerning (and the font has no 'kern' table), so advances add up and the box
    comes from cached per-character metrics: FreeType would load every glyph again on each call.
    """
    boxes, x = [], 0.0
    for char in text:
        advance, left, top, right, bottom = _glyph(weight, size, char)
        if not char.isspace():
            boxes.append((x + left, top, x + right, bottom))
        x += advance
    if not boxes:
        return 0.0, 0.0, 0.0, 0.0
    return min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)


def ink_width(text: str, weight: int, size: int) -> float:
    """Width from the line's start (or the ink, if a glyph reaches left of it) to the ink's end."""
    left, _, right, _ = ink(text, weight, size)
    return right - min(left, 0)


def wrap(text: str, weight: int, size: int, width: float) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than `width`."""
    lines: list[str] = []
    for word in text.split():
        if ink_width(word, weight, size) > width:
            return None
        if lines and ink_width(f"{lines[-1]} {word}", weight, size) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def balance(text: str, weight: int, size: int, width: float) -> list[str] | None:
    """The narrowest wrap with as few lines as at `width`: no lone short word on the last line."""
    best = wrap(text, weight, size, width)
    if not best or len(best) == 1:
        return best
    low, high = 0.0, width
    while high - low > 4:
        middle = (low + high) / 2
        lines = wrap(text, weight, size, middle)
        if lines and len(lines) <= len(best):
            best, high = lines, middle
        else:
            low = middle
    return best


def cut(text: str, weight: int, size: int, width: float, max_lines: int) -> list[str]:
    """The last resort: words wrapped, a word wider than a line split between characters, and what
    does not fit in `max_lines` lines dropped, the last line then ending with '…'."""

    def fits(line: str) -> bool:
        return ink_width(line, weight, size) <= width

    lines: list[str] = []
    for word in text.split():
        if lines and fits(f"{lines[-1]} {word}"):
            lines[-1] += f" {word}"
            continue
        while word:
            end = len(word)
            while end > 1 and not fits(word[:end]):
                end -= 1
            lines.append(word[:end])
            word = word[end:]
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while len(last) > 1 and not fits(f"{last}…"):
            last = last[:-1].rstrip()
        lines = [*lines[: max_lines - 1], f"{last}…"]
    return lines
