"""`ocop-site new product SLUG`: a record and both stories with every required part in place.

Every value to fill in is a visible placeholder, "[[…]]" with a hint inside (content/placeholders.py):
`ocop-site validate` names each one still there by field and line, so none reaches the site or print.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from ocop_site.content.placeholders import RECORD_TEMPLATE, SECTION_HINTS, STORY_HINTS
from ocop_site.content.records import SLUG_PATTERN, ProductRecord, product_json_schema
from ocop_site.content.stories import REQUIRED_SECTIONS, SECTIONS
from ocop_site.i18n import LANGUAGES
from ocop_site.problems import fill, values_of

SCHEMA_FILE = Path("schema") / "product.schema.json"


class ScaffoldError(Exception):
    """Nothing was written. Its message is an English template of the message catalogue with its values."""

    def __init__(self, message: str, /, **values: object) -> None:
        self.message, self.values = message, values_of(values)
        super().__init__(self.text("en"))

    def text(self, language: str) -> str:
        return fill(self.message, self.values, language)


def new_product(content_dir: Path, slug: str) -> list[Path]:
    if not re.match(SLUG_PATTERN, slug):
        raise ScaffoldError("'{slug}' is not a valid slug: use lower-case letters a-z, digits and '-', "
                            "e.g. ly-son-garlic", slug=slug)
    record = content_dir / "products" / f"{slug}.yaml"
    stories = {language: content_dir / "stories" / f"{slug}.{language}.md" for language in LANGUAGES}
    existing = [p for p in (record, *stories.values()) if p.exists()]
    if existing:
        raise ScaffoldError("{path} already exists; nothing was written", path=existing[0])
    written = []
    schema_file = _find_schema(content_dir)
    if schema_file is None:
        schema_file = content_dir.resolve().parent / SCHEMA_FILE
        schema_file.parent.mkdir(parents=True, exist_ok=True)
        schema_file.write_text(product_json_schema(), encoding="utf-8")
        written.append(schema_file)
    record.parent.mkdir(parents=True, exist_ok=True)
    code = slug.upper()[:16].rstrip("-")
    record.write_text(RECORD_TEMPLATE.format(schema=schema_reference(content_dir), code=code, slug=slug),
                      encoding="utf-8")
    for language, path in stories.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(story_template(language), encoding="utf-8")
    (content_dir / "media" / slug).mkdir(parents=True, exist_ok=True)
    return [record, *stories.values(), *written]


def story_template(language: str) -> str:
    """A new story: the opening and every section as the template's placeholders."""
    sections = [key for key in SECTIONS if key in REQUIRED_SECTIONS] + ["community"]
    body = "".join(f"\n## {SECTIONS[key][language]}\n\n{SECTION_HINTS[language]}\n" for key in sections)
    return STORY_HINTS[language] + "\n" + body


def schema_reference(content_dir: Path) -> str:
    """The product schema as a record's `$schema` line names it: relative to content/products/, or the
    schema's published address when the project has no schema/ folder."""
    schema_file = _find_schema(content_dir)
    if schema_file is None:
        return str(product_json_schema_id())
    return os.path.relpath(schema_file, (content_dir / "products").resolve()).replace(os.sep, "/")


def product_json_schema_id() -> str:
    return ProductRecord.model_config["json_schema_extra"]["$id"]  # type: ignore[index]


def _find_schema(content_dir: Path) -> Path | None:
    """The project's schema/product.schema.json, looked for from the content folder upwards."""
    for folder in content_dir.resolve().parents:
        if (folder / SCHEMA_FILE).is_file():
            return folder / SCHEMA_FILE
    return None
