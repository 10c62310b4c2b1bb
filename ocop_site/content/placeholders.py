"""Template placeholders: the record and story templates of `ocop-site new product` (scaffold.py), and
the check that none of their placeholders is left.

Every value to fill in is written between double brackets, `"[[…]]"`, with a hint inside (the
record's dates, stars, coordinates, group and texts; the stories' opening and sections). The loader
reports each one still there by field (or story section) and line, so `validate` fails until all
are replaced; the schema's own complaint about that value (a date that is not a date) is left out.
A hint whose brackets were deleted, or a placeholder only partly typed over ("[[" or "]]" left),
counts as a placeholder too. A draft (`draft: true`) may keep them, and is not published anyway.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

from ocop_site.content.messages import _model_at, dotted
from ocop_site.content.stories import REQUIRED_SECTIONS, SECTIONS
from ocop_site.content.yaml_source import Document
from ocop_site.problems import Problems

RECORD_TEMPLATE = """\
# yaml-language-server: $schema={schema}
# Every field is described in README.md, 'Content reference'.
# Each "[[…]]" is a placeholder: 'ocop-site validate' fails until it is replaced by the real value
# (an optional field you do not need, such as 'phone' or 'former_district', can be deleted instead).
code: {code}
name:
  vi: "[[tên sản phẩm]]"
  en: "[[product name]]"
group: "[[food | beverages | herbal | textiles | souvenirs | tourism]]"
stars: "[[3, 4 hoặc 5 / 3, 4 or 5]]"
# featured: true     # to show it on the home page
summary:
  vi: "[[một hoặc hai câu giới thiệu]]"
  en: "[[one or two sentences]]"
certificate:
  decision: "[[số quyết định, ví dụ 1234/QĐ-UBND]]"
  recognized: "[[ngày công nhận, YYYY-MM-DD]]"
  # expires: YYYY-MM-DD   # default: 36 months after 'recognized'
producer:
  name: "[[tên chủ thể OCOP]]"
  kind: "[[enterprise | cooperative | cooperative-group | household]]"
  phone: "[[số điện thoại, ví dụ 0255 3800 000]]"
  address: "[[địa chỉ]]"
locality:
  commune: "[[xã, phường hoặc đặc khu, ví dụ Xã Trà Bồng, Phường Sa Huỳnh, Đặc khu Lý Sơn]]"
  former_district: "[[huyện cũ trước 7/2025, ví dụ Huyện Mộ Đức]]"
coordinates:
  lat: "[[vĩ độ, ví dụ 15.12]]"
  lon: "[[kinh độ, ví dụ 108.8]]"
images:
  - file: hero.jpg   # put the photo in content/media/{slug}/
    alt:
      vi: "[[ảnh cho thấy gì]]"
      en: "[[what the photo shows]]"
    credit: "[[tác giả hoặc nguồn ảnh]]"
where_to_buy: []
"""

STORY_HINTS = {
    "vi": "[[Viết một đoạn mở đầu ngắn ở đây.]]",
    "en": "[[Write a short opening paragraph here.]]",
}
SECTION_HINTS = {
    "vi": "[[Viết phần này ở đây.]]",
    "en": "[[Write this section here.]]",
}

MARK = re.compile(r"\[\[[^\[\]\n]*\]\]")  # a whole placeholder
HALF_MARK = re.compile(r"\[\[|\]\]")  # what is left of one when only part of it was typed over
# a hint whose brackets were deleted, and the opening the template wrote before it had marks: nobody
# keeps these words on purpose
UNMARKED_HINTS = {hint.strip("[]") for hint in (*STORY_HINTS.values(), *SECTION_HINTS.values())} | \
    set(re.findall(r'"\[\[(.+?)\]\]"', RECORD_TEMPLATE))
_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")

Key = tuple[str | int, ...]


def is_placeholder(value: object) -> bool:
    return isinstance(value, str) and (HALF_MARK.search(value) is not None or value.strip() in UNMARKED_HINTS)


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
        problems.error(shown, doc.line_of(key), "'{name}' is still the template's placeholder",
                       "write the real value in place of {placeholder} (README.md, 'Content reference', describes the "
                       "field), or delete the line: '{name}' is optional" if _optional(model, key) else
                       "write the real value in place of {placeholder} (README.md, 'Content reference', describes the "
                       "field)", name=dotted(key), placeholder=_mark(_value(doc.data, key)))
    return found


def check_story(text: str, language: str, shown: str, problems: Problems) -> None:
    """Report each opening or section of a story that still holds the template's placeholder text."""
    keys = {SECTIONS[key][language].casefold(): key for key in SECTIONS}
    part, key = "", None  # "": the opening paragraph, else the section's heading
    reported: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        heading = _HEADING.match(line)
        if heading:
            key = keys.get(heading.group(1).casefold())
            part = SECTIONS[key][language] if key else heading.group(1)
            continue
        if is_placeholder(line) and part not in reported:
            reported.add(part)
            placeholder = _mark(line.strip())
            if not part:
                problems.error(shown, number, "the opening paragraph is still the template's placeholder",
                               "write the opening paragraph in place of {placeholder}, or delete the line",
                               placeholder=placeholder)
            else:
                problems.error(shown, number, "section '## {section}' is still the template's placeholder",
                               "write the section's text in place of {placeholder}" if key in REQUIRED_SECTIONS
                               else "write the section's text in place of {placeholder}, or delete the section: it "
                               "is optional", section=part, placeholder=placeholder)


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
