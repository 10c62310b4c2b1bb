"""The QR ledger, content/qr-ledger.yaml: every code ever issued and the product it leads to.

Printed codes live for years, so the ledger is append-only: entries are numbered 1, 2, 3 … and
the build adds new ones at the end. The latest entry for a code says where it leads now (a
renamed product gets a new entry for its old code).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ocop_site.content.records import CODE_PATTERN, SLUG_PATTERN
from ocop_site.content.yaml_source import Document

LEDGER_FILE = "qr-ledger.yaml"
MAX_LEDGER_BYTES = 16 << 20  # about 280,000 entries
HEADER = """\
# QR ledger: every QR code ever issued, and the product it leads to.
# The build appends new codes here. Never edit or delete an entry: codes are printed on packaging.
# To rename a product, rename its files and keep its 'code'; to withdraw one, add 'withdrawn: DATE'
# to its record. See README.md, 'QR codes'.
"""


@dataclass(frozen=True)
class LedgerEntry:
    n: int
    code: str
    product: str
    issued: dt.date
    line: int


def read_entries(doc: Document, shown: str, problems) -> list[LedgerEntry]:
    """Entries of a parsed ledger, reporting malformed ones and gaps in the numbering."""
    if doc.data is None:
        return []
    if not isinstance(doc.data, list):
        problems.error(shown, 1, "the QR ledger must be a list of entries starting with '- n:'",
                       "restore the file from version control; never edit it by hand")
        return []
    entries: list[LedgerEntry] = []
    for index, item in enumerate(doc.data):
        line = doc.line_of((index,))
        entry = _entry(item, line)
        if entry is None:
            problems.error(shown, line, "malformed ledger entry: expected n, code, product and issued",
                           "restore the entry from version control; never edit the ledger by hand")
            continue
        expected = entries[-1].n + 1 if entries else 1
        if entry.n != expected:
            missing = f"entry {expected}" if entry.n == expected + 1 else f"entries {expected}–{entry.n - 1}"
            problems.error(shown, line, f"ledger {missing} is missing (numbers jump from {expected - 1} to {entry.n})",
                           "ledger entries are never deleted: restore them from version control "
                           "(git checkout -- content/qr-ledger.yaml)")
        entries.append(entry)
    return entries


def _entry(item: object, line: int) -> LedgerEntry | None:
    if not isinstance(item, dict) or set(item) != {"n", "code", "product", "issued"}:
        return None
    n, code, product, issued = item["n"], item["code"], item["product"], item["issued"]
    if not (isinstance(n, int) and isinstance(code, str) and isinstance(product, str)
            and isinstance(issued, dt.date) and re.match(CODE_PATTERN, code) and re.match(SLUG_PATTERN, product)):
        return None
    return LedgerEntry(n=n, code=code, product=product, issued=issued, line=line)


def append_entries(path: Path, entries: list[tuple[str, str]], today: dt.date, start: int) -> None:
    """Append (code, product) entries numbered from `start`, writing the file atomically."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    for offset, (code, product) in enumerate(entries):
        text += f"- n: {start + offset}\n  code: {code}\n  product: {product}\n  issued: {today.isoformat()}\n"
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)
