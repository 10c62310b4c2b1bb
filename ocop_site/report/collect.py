"""Collecting the report's findings from the content folder.

The report reads every record and story leniently, as plain data, so it still says what it can
when validation fails (a story missing a required section, a record with a typo); the validation
errors are listed alongside. Only a content folder without a products folder cannot be reported on.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from pydantic import ValidationError

from ocop_site.content import photos
from ocop_site.content.ledger import LEDGER_FILE, read_entries
from ocop_site.content.messages import dotted
from ocop_site.content.product_files import LANGUAGE_NAMES
from ocop_site.content.reader import DRAFT_MAY_LACK, ContentReader
from ocop_site.content.records import CODE_PATTERN, ProductRecord
from ocop_site.content.stories import REQUIRED_SECTIONS, SECTIONS, Story, parse_story
from ocop_site.content.yaml_source import Document
from ocop_site.i18n import LANGUAGES
from ocop_site.model import certificate
from ocop_site.model.loader import load_catalog
from ocop_site.problems import ContentErrors, Joined, Problem, Problems, phrase, values_of
from ocop_site.report.findings import KINDS, Finding, Report

DEFAULT_MIN_WORDS = 80


def collect_report(content_dir: Path, today: dt.date | None = None, min_words: int = DEFAULT_MIN_WORDS) -> Report:
    """Raises ContentErrors only when there is no products folder to read."""
    today = today or dt.date.today()
    product_dir = content_dir / "products"
    if not product_dir.is_dir():
        raise ContentErrors([Problem(_shown(product_dir), 1, "the products folder is missing",
                                     "create it and add a record with 'ocop-site new product SLUG'")])
    report = Report(content=content_dir, today=today, min_words=min_words)
    try:
        report.warnings = load_catalog(content_dir, today=today).warnings
    except ContentErrors as errors:
        report.errors, report.warnings = errors.errors, errors.warnings
    codes: dict[str, str] = {}
    for path in sorted(product_dir.glob("*.y*ml")):
        doc = _read(path)
        data = doc.data if doc and isinstance(doc.data, dict) else {}
        stories = _stories(content_dir, path.stem)
        draft = data.get("draft") is True
        report.drafts += draft
        report.products += not draft
        findings = _translation(path, doc, data, stories) + _photos(content_dir, path, doc, data)
        findings += _certificate(path, doc, data, today)
        if draft:
            findings += _draft(path, data, stories)
        if not draft or all(story and set(REQUIRED_SECTIONS) <= set(story.sections) for story in stories.values()):
            findings += _short(stories, min_words)  # a draft's missing sections are listed under drafts
        report.findings += [Finding(kind, file, line, path.stem, message, values_of(values))
                            for kind, file, line, message, values in findings]
        code = data.get("code")
        if not draft and isinstance(code, str) and re.match(CODE_PATTERN, code):
            codes.setdefault(code, path.stem)
    report.findings.sort(key=lambda f: (list(KINDS).index(f.kind), f.slug, f.path, f.line, f.message))
    report.issued = _ledger(content_dir)
    issued = {entry.code for entry in report.issued}
    report.pending = sorted(((code, slug) for code, slug in codes.items() if code not in issued), key=lambda c: c[1])
    return report


Raw = tuple[str, str, int, str, dict[str, object]]  # kind, file, line, message template, its values


def _shown(path: Path) -> str:
    return str(path).replace("\\", "/")


def _read(path: Path) -> Document | None:
    """The parsed file; None when it cannot be read or parsed, or is a folder, a link loop or too large
    (validate says why)."""
    return ContentReader(path.parent, Problems()).read_yaml(path, kind=list)


def _stories(content_dir: Path, slug: str) -> dict[str, Story | None]:
    """Each language's story, parsed without its completeness rules (None when the file is missing)."""
    stories: dict[str, Story | None] = {}
    for language in LANGUAGES:
        path = content_dir / "stories" / f"{slug}.{language}.md"
        try:
            text = path.read_bytes().decode("utf-8") if path.is_file() else None
        except UnicodeDecodeError:
            text = None
        stories[language] = None if text is None else parse_story(text, language, _shown(path), Problems(), False)
    return stories


def _line(doc: Document | None, *keys: str | int) -> int:
    return doc.line_of(keys) if doc else 1


def _translation(path: Path, doc: Document | None, data: dict, stories: dict[str, Story | None]) -> list[Raw]:
    found: list[Raw] = []
    for keys, text in _texts({k: v for k, v in data.items() if k != "images"}):  # alt texts: under photos
        missing = [language for language in LANGUAGES if not _filled(text.get(language))]
        if len(missing) == 1:
            other = "vi" if missing[0] == "en" else "en"
            found.append(("translation", _shown(path), _line(doc, *keys, missing[0]),
                          "'{name}' has {present} but no {missing}",
                          {"name": dotted(keys), "present": LANGUAGE_NAMES[other],
                           "missing": LANGUAGE_NAMES[missing[0]]}))
    present = {language: story for language, story in stories.items() if story is not None}
    if len(present) == 1:
        (language, story), = present.items()
        other = "en" if language == "vi" else "vi"
        found.append(("translation", story.path.replace(f".{language}.md", f".{other}.md"), 1,
                      "the {missing} story is missing (the {present} one exists)",
                      {"missing": LANGUAGE_NAMES[other], "present": LANGUAGE_NAMES[language]}))
    if len(present) == 2:
        vi, en = present["vi"], present["en"]
        for key in SECTIONS:
            has = {language: key in story.sections for language, story in present.items()}
            if has["vi"] != has["en"]:
                lacking = en if has["vi"] else vi
                having = vi if has["vi"] else en
                found.append(("translation", lacking.path, 1,
                              "section '## {section}' is missing or empty; the {language} story has '## {other}'",
                              {"section": SECTIONS[key][lacking.language], "language": LANGUAGE_NAMES[having.language],
                               "other": SECTIONS[key][having.language]}))
        if bool(vi.lead) != bool(en.lead):
            lacking = en if vi.lead else vi
            found.append(("translation", lacking.path, 1, "no opening paragraph; the {language} story has one",
                          {"language": LANGUAGE_NAMES["vi" if vi.lead else "en"]}))
    return found


def _texts(value: object, keys: tuple = ()) -> list[tuple[tuple, dict]]:
    """Every vi/en group in a record (name, summary, photo alt texts, …), with where it is."""
    if isinstance(value, dict):
        if value and set(value) <= set(LANGUAGES):
            return [(keys, value)]
        return [found for key, inner in value.items() for found in _texts(inner, (*keys, key))]
    if isinstance(value, list):
        return [found for index, inner in enumerate(value) for found in _texts(inner, (*keys, index))]
    return []


def _filled(value: object) -> bool:
    return value is not None and str(value).strip() != ""


def _photos(content_dir: Path, path: Path, doc: Document | None, data: dict) -> list[Raw]:
    images = data.get("images")
    if not isinstance(images, list) or not images:
        return [("photos", _shown(path), _line(doc, "images"), "no photos", {})]
    found: list[Raw] = []
    for index, image in enumerate(images):
        image = image if isinstance(image, dict) else {}
        name = str(image.get("file") or "").strip()
        where = {"n": index + 1, "name": name}
        file = content_dir / "media" / path.stem / name
        if not name or not isinstance(photos.locate(content_dir / "media" / path.stem, name, _shown), Path):
            found.append(("photos", _shown(path), _line(doc, "images", index, "file"),
                          "photo {n} ({name}): the file {file} is missing" if name
                          else "photo {n}: the file name is missing", {**where, "file": _shown(file)}))
        alt = image.get("alt") if isinstance(image.get("alt"), dict) else {}
        missing = [language for language in LANGUAGES if not _filled(alt.get(language))]
        if missing:
            found.append(("photos", _shown(path), _line(doc, "images", index, "alt", missing[0]),
                          ("photo {n} ({name}) has no alt text in {language}" if name
                           else "photo {n} has no alt text in {language}") if len(missing) == 1 else
                          ("photo {n} ({name}) has no alt text in Vietnamese and English" if name
                           else "photo {n} has no alt text in Vietnamese and English"),
                          {**where, "language": LANGUAGE_NAMES[missing[0]]}))
    return found


def _certificate(path: Path, doc: Document | None, data: dict, today: dt.date) -> list[Raw]:
    if data.get("withdrawn"):
        return []  # no longer in the programme: nobody needs telling
    cert = data.get("certificate") if isinstance(data.get("certificate"), dict) else {}
    recognized, expires = _date(cert.get("recognized")), _date(cert.get("expires"))
    if recognized is None:
        return []
    expires = expires or certificate.default_expiry(recognized)
    state = certificate.status(expires, today)
    decided = _filled(cert.get("decision"))
    values = {"decision": cert.get("decision"), "date": expires.isoformat(), "days": abs((expires - today).days)}
    line = _line(doc, "certificate", "expires") if "expires" in cert else _line(doc, "certificate", "recognized")
    if state == "expired":
        return [("certificates", _shown(path), line, "certificate {decision} expired on {date} ({days} days ago)"
                 if decided else "certificate expired on {date} ({days} days ago)", values)]
    if state == "expiring":
        return [("certificates", _shown(path), line, "certificate {decision} expires on {date}, in {days} days: tell "
                 "the producer" if decided else "certificate expires on {date}, in {days} days: tell the producer",
                 values)]
    return []


def _date(value: object) -> dt.date | None:
    """A YAML date, or a quoted one ('2025-03-15'), as the record schema accepts both."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip()) if value is not None else None
    except ValueError:
        return None


def _short(stories: dict[str, Story | None], min_words: int) -> list[Raw]:
    found: list[Raw] = []
    for language, story in stories.items():
        if story is not None and story.word_count < min_words:
            found.append(("short", story.path, 1, "the {language} story has {words} words (minimum {minimum})",
                          {"language": LANGUAGE_NAMES[language], "words": story.word_count, "minimum": min_words}))
    return found


def _draft(path: Path, data: dict, stories: dict[str, Story | None]) -> list[Raw]:
    """What a draft still lacks before its 'draft: true' line can go."""
    try:
        ProductRecord.model_validate(data)
        lacking: list[str] = []
    except ValidationError as error:
        lacking = sorted({dotted(tuple(e["loc"])) for e in error.errors() if e["type"] in DRAFT_MAY_LACK})
    parts: list[object] = list(lacking)
    for language, story in stories.items():
        if story is None:
            parts.append(phrase("the {language} story", language=LANGUAGE_NAMES[language]))
        else:
            empty = [SECTIONS[key][language] for key in REQUIRED_SECTIONS if key not in story.sections]
            parts += [phrase("'## {heading}' ({language})", heading=heading, language=LANGUAGE_NAMES[language])
                      for heading in empty]
    if parts:
        return [("drafts", _shown(path), 1, "still lacks {items}", {"items": Joined(parts)})]
    return [("drafts", _shown(path), 1, "complete: delete the 'draft: true' line to publish", {})]


def _ledger(content_dir: Path) -> list:
    path = content_dir / LEDGER_FILE
    doc = _read(path) if path.is_file() else None
    return read_entries(doc, _shown(path), Problems()) if doc else []
