"""The text of a draft record and its two story skeletons, as `ocop-site new product` would write them,
filled with what the sheet says.

A draft (`draft: true`) is checked for what it has and never published; blanks are what a person
still has to write, and each line that needs a person carries a comment saying why, in the language of
the import run.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from ocop_site.content.localities import fold
from ocop_site.content.records import CODE_PATTERN, Group, ProducerKind
from ocop_site.content.stories import REQUIRED_SECTIONS, SECTIONS
from ocop_site.i18n import t
from ocop_site.importer.rows import RowFacts
from ocop_site.scaffold import STORY_HINTS

MAX_SLUG = 60
MAX_CODE_BASE = 12  # leaves room for "-2" … and keeps the QR symbol small
PLAIN_WORDS = {*Group, *ProducerKind}  # written unquoted, like the scaffold: group: food
_LINE_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")


def slug_for(name: str, row: int) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", fold(name)).split()
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_SLUG:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or f"product-row-{row}"


def unique(base: str, taken: set[str], limit: int) -> str:
    """`base`, or `base-2`, `base-3` … (shortened to stay within `limit` characters)."""
    candidate, number = base[:limit].rstrip("-"), 1
    while candidate in taken:
        number += 1
        suffix = f"-{number}"
        candidate = base[:limit - len(suffix)].rstrip("-") + suffix
    return candidate


def code_for(slug: str, taken: set[str]) -> str:
    """A proposed QR code from the slug's words, e.g. tinh-dau-que-tra-bong → TINH-DAU-QUE."""
    base = ""
    for word in slug.upper().split("-"):
        if len(base) + len(word) + 1 > MAX_CODE_BASE:
            break
        base = f"{base}-{word}" if base else word
    base = base or slug.upper().replace("-", "")[:MAX_CODE_BASE]
    code = unique(base if len(base) >= 2 else f"{base}0", taken, 16)
    assert re.match(CODE_PATTERN, code), code
    return code


def record_text(facts: RowFacts, code: str, source: str, schema: str | None, language: str = "en") -> str:
    """The draft record; its comments in `language`, the language of the import run (the editor reads them)."""
    value = facts.get
    person = {note.key: note.said(language) for note in facts.needs_person}
    needs = t("import_needs_person", language)

    def line(indent: str, key: str, dotted: str, default: object = "") -> str:
        shown = _yaml(value(dotted, default))
        comment = f"  # {needs}: {_comment(person[dotted])}" if dotted in person else ""
        return f"{indent}{key}: {shown}{comment}\n"

    def optional(indent: str, key: str, dotted: str) -> str:
        if value(dotted) is not None:
            return line(indent, key, dotted)
        reason = person.get(dotted) or t("import_draft_not_in_sheet", language)
        return f"{indent}# {key}:  # {needs}: {_comment(reason)}\n"

    header = t("import_draft_header", language, source=_comment(source), row=facts.row)
    text = f"# yaml-language-server: $schema={schema}\n" if schema else ""
    text += ("".join(f"# {said}\n" for said in header.split("\n"))
             + "draft: true\n"
             f"code: {code}  # {t('import_draft_code', language)}\n"
             "name:\n" + line("  ", "vi", "name.vi") + line("  ", "en", "name.en")
             + optional("", "group", "group") + optional("", "stars", "stars")
             + 'summary:\n  vi: ""\n  en: ""\n'
             "certificate:\n" + line("  ", "decision", "certificate.decision")
             + optional("  ", "recognized", "certificate.recognized")
             + "producer:\n" + line("  ", "name", "producer.name") + optional("  ", "kind", "producer.kind"))
    if value("producer.phone"):
        text += line("  ", "phone", "producer.phone")
    text += line("  ", "address", "producer.address") + "locality:\n" + line("  ", "commune", "locality.commune")
    if value("locality.former_district"):
        text += line("  ", "former_district", "locality.former_district")
    text += (f"# coordinates:  # {needs}: {t('import_draft_coordinates', language)}\n#   lat:\n#   lon:\n"
             f"images: []  # {needs}: {t('import_draft_images', language)}\n"
             "where_to_buy: []\n")
    return text


def _comment(text: str) -> str:
    """`text` kept on its comment's line: a line break from a cell or a file name would end the comment there
    and turn the rest into YAML (PyYAML also breaks lines at NEL, LS and PS)."""
    return _LINE_BREAKS.sub(" ", text)


def story_text(language: str) -> str:
    sections = [key for key in SECTIONS if key in REQUIRED_SECTIONS] + ["community"]
    return STORY_HINTS[language] + "\n" + "".join(f"\n## {SECTIONS[key][language]}\n\n" for key in sections)


def _yaml(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    if isinstance(value, int) or value in PLAIN_WORDS:
        return str(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
