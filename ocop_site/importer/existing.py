"""What the content folder already holds: records (read as plain data, even broken ones) and codes.

An import never overwrites a record: it finds the record a row describes and lists the differences.
A row is the same product as a record when, in this order (each record answers one row at most):
the decision number, name and producer are the same; the decision number and name are the same;
the slug and name are the same; or the decision number appears once in the sheet and once in the
records (a decision usually recognises a whole batch of products, so it alone rarely decides).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.ledger import LEDGER_FILE, MAX_LEDGER_BYTES
from ocop_site.content.localities import fold
from ocop_site.content.reader import ContentReader
from ocop_site.importer.notes import Note
from ocop_site.importer.rows import RowFacts
from ocop_site.problems import Problems, Term, phrase


@dataclass
class ExistingRecord:
    slug: str
    path: Path
    data: dict

    def get(self, dotted: str) -> object:
        value: object = self.data
        for key in dotted.split("."):
            value = value.get(key) if isinstance(value, dict) else None
        return value


class ExistingContent:
    def __init__(self, content_dir: Path) -> None:
        self.records: dict[str, ExistingRecord] = {}
        for path in sorted((content_dir / "products").glob("*.y*ml")):
            doc = ContentReader(content_dir, Problems()).read_yaml(path, kind=list)  # None: validate says why
            data = doc.data if doc else None
            self.records[path.stem] = ExistingRecord(path.stem, path, data if isinstance(data, dict) else {})
        self.codes = {str(r.data.get("code")) for r in self.records.values() if r.data.get("code")}
        self.codes |= _ledger_codes(content_dir / LEDGER_FILE)
        self.claimed: set[str] = set()

    def match(self, facts: RowFacts, slug: str, decision_counts: dict[str, int]) -> ExistingRecord | None:
        """The record this row describes, if any (see the module's docstring for the rules)."""
        decision, name, producer = (match_key(facts.get(key))
                                    for key in ("certificate.decision", "name.vi", "producer.name"))
        free = [r for r in self.records.values() if r.slug not in self.claimed]

        def same(record: ExistingRecord, *pairs: tuple[str, str]) -> bool:
            return all(value and match_key(record.get(field)) == value for field, value in pairs)

        rules = (
            lambda r: same(r, ("certificate.decision", decision), ("name.vi", name), ("producer.name", producer)),
            lambda r: same(r, ("certificate.decision", decision), ("name.vi", name)),
            lambda r: r.slug == slug and same(r, ("name.vi", name)),
        )
        for rule in rules:
            found = next((r for r in free if rule(r)), None)
            if found:
                self.claimed.add(found.slug)
                return found
        if decision and decision_counts.get(decision) == 1:
            candidates = [r for r in self.records.values() if match_key(r.get("certificate.decision")) == decision]
            if len(candidates) == 1 and candidates[0].slug not in self.claimed:
                self.claimed.add(candidates[0].slug)
                return candidates[0]
        return None


def differences(record: ExistingRecord, facts: RowFacts) -> list[Note]:
    """'field: the record has …, the sheet has …' for every fact of the sheet the record states otherwise."""
    found = []
    for dotted, value in facts.values.items():
        current = record.get(dotted)
        if _comparable(current) != _comparable(value):
            found.append(Note(dotted, phrase("the record has {record}, the sheet has {sheet}", record=_shown(current),
                                             sheet=_shown(value))))
    return found


def match_key(value: object) -> str:
    """Folded, single-spaced text for comparing names and numbers."""
    return " ".join(fold(str(value)).split()) if value not in (None, "") else ""


def _comparable(value: object) -> str:
    """Dates as YYYY-MM-DD, whether YAML read them as dates or as quoted text; NFC text as it is."""
    return value.isoformat() if isinstance(value, dt.date) else "" if value is None else str(value).strip()


def _shown(value: object) -> str:
    if value is None or value == "":
        return Term("nothing")
    if isinstance(value, dt.date):
        return value.isoformat()
    return f"'{value}'" if isinstance(value, str) else str(value)


def _ledger_codes(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    doc = ContentReader(path.parent, Problems()).read_yaml(path, kind=list, limit=MAX_LEDGER_BYTES)
    data = doc.data if doc else None
    return {str(item["code"]) for item in data or [] if isinstance(item, dict) and item.get("code")}
