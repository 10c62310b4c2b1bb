"""Template placeholders: what `ocop-site new product` writes where the editor has to put something.

Every value to fill in is written between double brackets, `"[[…]]"`, with a hint inside (the
record's dates, stars, coordinates, group and texts; the stories' opening and sections). The loader
reports each one still there by field (or story section) and line, so `validate` fails until all
are replaced; the schema's own complaint about that value (a date that is not a date) is left out.
A draft (`draft: true`) may keep them, and is not published anyway.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from ocop_site.content.messages import _model_at, dotted
from ocop_site.content.stories import REQUIRED_SECTIONS, SECTIONS
from ocop_site.content.yaml_source import Document
from ocop_site.problems import Problems

MARK = re.compile(r"\[\[[^\[\]\n]*\]\]")
# what the templates wrote before they had marks: nobody keeps these sentences on purpose
UNMARKED_HINTS = {"Viết một đoạn mở đầu ngắn ở đây.", "Write a short opening paragraph here."}
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")

Key = tuple[str | int, ...]


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and MARK.search(value) is not None


def record_placeholders(data: object, at: Key = ()) -> list[Key]:
    """Where in a record (as read from YAML) a value still holds a placeholder, in file order."""
    if isinstance(data, dict):
        return [found for key, value in data.items() for found in record_placeholders(value, (*at, key))]
    if isinstance(data, list):
        return [found for index, value in enumerate(data) for found in record_placeholders(value, (*at, index))]
    return [at] if is_placeholder(data) else []


def check_record(doc: Document, shown: str, problems: Problems, model: type[BaseModel]) -> list[Key]:
    """Report every placeholder of a record; return their keys (their schema errors are not repeated)."""
    found = record_placeholders(doc.data)
    for key in found:
        fix = f"write the real value in place of {_mark(_value(doc.data, key))}"
        fix += " (README.md, 'Content reference', describes the field)"
        if _optional(model, key):
            fix += f", or delete the line: '{dotted(key)}' is optional"
        problems.error(shown, doc.line_of(key), f"'{dotted(key)}' is still the template's placeholder", fix)
    return found


def check_story(text: str, language: str, shown: str, problems: Problems) -> None:
    """Report each opening or section of a story that still holds the template's placeholder text."""
    keys = {SECTIONS[key][language].casefold(): key for key in SECTIONS}
    part, key = "the opening paragraph", None
    reported: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line)
        if heading:
            key = keys.get(heading.group(1).casefold())
            part = f"section '## {SECTIONS[key][language] if key else heading.group(1)}'"
            continue
        mark = MARK.search(line)
        if (mark or line.strip() in UNMARKED_HINTS) and part not in reported:
            reported.add(part)
            placeholder = _mark(mark.group(0) if mark else line.strip())
            if part == "the opening paragraph":
                fix = f"write the opening paragraph in place of {placeholder}, or delete the line"
            else:
                fix = f"write the section's text in place of {placeholder}"
                if key not in REQUIRED_SECTIONS:
                    fix += ", or delete the section: it is optional"
            problems.error(shown, number, f"{part} is still the template's placeholder", fix)


def _optional(model: type[BaseModel], key: Key) -> bool:
    owner = _model_at(model, key)
    field = owner.model_fields.get(str(key[-1])) if owner and not isinstance(key[-1], int) else None
    return field is not None and not field.is_required()


def _value(data: object, key: Key) -> object:
    for part in key:
        data = data[part]  # type: ignore[index]
    return data


def _mark(text: object) -> str:
    found = MARK.search(str(text))
    return f"'{found.group(0) if found else text}'"
