"""`ocop-site import FILE`: plan what each row of the list becomes, then (unless a dry run) write it.

New products become draft records with both story skeletons; a row that describes an existing
record never changes it: the plan lists how the sheet differs instead.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ocop_site.i18n import LANGUAGES
from ocop_site.importer.draft import MAX_SLUG, code_for, record_text, slug_for, story_text, unique
from ocop_site.importer.existing import ExistingContent, differences, match_key
from ocop_site.importer.notes import Note
from ocop_site.importer.rows import RowFacts, read_row
from ocop_site.importer.sheet import read_sheet
from ocop_site.problems import phrase
from ocop_site.scaffold import _find_schema

_SKIPPED = Note("", phrase("the 'Tên sản phẩm' cell is empty: row skipped"))


@dataclass
class RowPlan:
    row: int
    name: str
    action: str  # "create", "same" (record matches the sheet), "differs" or "skip" (no product name)
    record: Path | None = None
    code: str = ""
    mapped: list[Note] = field(default_factory=list)
    needs_person: list[Note] = field(default_factory=list)
    differences: list[Note] = field(default_factory=list)
    files: dict[Path, str] = field(default_factory=dict)  # what "create" writes; existing files are left alone


@dataclass
class ImportPlan:
    source: Path
    rows: list[RowPlan]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)


def plan_import(sheet: Path, content_dir: Path, language: str = "en") -> ImportPlan:
    """Raises SheetError when the file cannot be used. The drafts' comments are written in `language`."""
    rows = [read_row(row) for row in read_sheet(sheet)]
    existing = ExistingContent(content_dir)
    decisions = Counter(match_key(facts.get("certificate.decision")) for facts in rows)
    slugs, codes = set(existing.records), set(existing.codes)
    schema = _find_schema(content_dir)
    plans = []
    for facts in rows:
        name = str(facts.get("name.vi") or "")
        if not name:
            plans.append(RowPlan(facts.row, "", "skip", needs_person=[_SKIPPED]))
            continue
        base = slug_for(name, facts.row)
        record = existing.match(facts, base, decisions)
        if record is not None:
            found = differences(record, facts)
            plans.append(RowPlan(facts.row, name, "differs" if found else "same", record.path,
                                 str(record.data.get("code", "")), differences=found))
            continue
        slug = unique(base, slugs, MAX_SLUG)
        slugs.add(slug)
        code = code_for(slug, codes)
        codes.add(code)
        plans.append(_create(facts, name, slug, code, content_dir, sheet, schema, language))
    return ImportPlan(sheet, plans)


def _create(facts: RowFacts, name: str, slug: str, code: str, content_dir: Path, sheet: Path,
            schema_file: Path | None, language: str) -> RowPlan:
    path = content_dir / "products" / f"{slug}.yaml"
    schema = os.path.relpath(schema_file, path.parent.resolve()).replace(os.sep, "/") if schema_file else None
    files = {path: record_text(facts, code, sheet.name, schema, language)}
    for language in LANGUAGES:
        story = content_dir / "stories" / f"{slug}.{language}.md"
        if not story.exists():  # a story written before its record is kept
            files[story] = story_text(language)
    return RowPlan(facts.row, name, "create", path, code, list(facts.mapped), list(facts.needs_person), files=files)


def apply_import(plan: ImportPlan, content_dir: Path) -> None:
    """Write the planned drafts: new files only, each written whole (temporary file, then renamed)."""
    for row in plan.rows:
        for path, text in row.files.items():
            if path.exists():  # appeared since planning: never overwrite
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(path.name + ".tmp")
            temporary.write_text(text, encoding="utf-8")
            temporary.replace(path)
        if row.action == "create" and row.record is not None:
            (content_dir / "media" / row.record.stem).mkdir(parents=True, exist_ok=True)

