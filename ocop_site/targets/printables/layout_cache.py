"""Cheaper WeasyPrint layouts, same bytes: a line-break cache within one render.

Line breaks. WeasyPrint lays a text out again and again within one document: column balancing tries
up to 25 column heights, and each try breaks the same paragraphs into lines at the same widths.
`split_first_line` is a pure function of its arguments (the text, the computed style, the width, …)
and returns a deactivated Pango layout (text and metrics only; drawing reactivates it from the
style), so within one render its answer can be reused. `cached_line_breaks` swaps WeasyPrint's
function for a memoising one in the two layout modules that call it, for one render only; the cache
keeps each style it keyed on alive, so an `id` is never reused inside it. This touches WeasyPrint's
internals: SUPPORTED says which versions it was checked against (pyproject.toml pins the same range,
tests/test_print_speed.py proves the bytes are the same); with any other version it does nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import metadata

SUPPORTED = ("69.",)  # WeasyPrint versions whose split_first_line this cache was checked against
_MODULES = ("weasyprint.layout.inline", "weasyprint.layout.preferred")


def supported() -> bool:
    return metadata.version("weasyprint").startswith(SUPPORTED)


@contextlib.contextmanager
def cached_line_breaks() -> Iterator[None]:
    """Within the block, WeasyPrint breaks each (text, style, width, …) into a first line only once."""
    if not supported():
        yield
        return
    import importlib

    modules = [importlib.import_module(name) for name in _MODULES]
    original = modules[0].split_first_line
    if getattr(original, "line_cache", False):  # already inside one render (a nested render): keep its cache
        yield
        return
    answers: dict[tuple, tuple] = {}

    def split_first_line(text, style, context, max_width, justification_spacing, is_line_start=True,
                         minimum=False):
        key = (text, id(style), id(context), max_width, justification_spacing, is_line_start, minimum)
        found = answers.get(key)
        if found is None:
            found = answers[key] = (original(text, style, context, max_width, justification_spacing,
                                             is_line_start, minimum), style, context)  # keeps the ids taken
        return found[0]

    split_first_line.line_cache = True  # type: ignore[attr-defined]
    for module in modules:
        module.split_first_line = split_first_line
    try:
        yield
    finally:
        for module in modules:
            module.split_first_line = original
