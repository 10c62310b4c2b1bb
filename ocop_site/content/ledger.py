"""The QR ledger, content/qr-ledger.yaml: every code ever issued and the product it leads to.

Printed codes live for years, so the ledger is append-only: entries are numbered 1, 2, 3 … and
the build adds new ones at the end. The latest entry for a code says where it leads now (a
renamed product gets a new entry for its old code).

Each entry carries a digest that chains it to the one before, as in a certificate-transparency log:

    digest(n) = sha256(digest(n-1) + "\\n" + n + "\\n" + code + "\\n" + product + "\\n" + issued)

with digest(0) the empty string. Changing an issued entry's code, product, date or number breaks
its digest; re-computing the digests to hide a change alters every later one, which anyone who kept
an earlier copy of the published ledger (/qr/ledger.json) sees. See docs/qr-ledger.md.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

from ocop_site.content.records import CODE_PATTERN, SLUG_PATTERN
from ocop_site.content.yaml_source import Document, YamlSyntaxError, parse
from ocop_site.i18n import N_

LEDGER_FILE = "qr-ledger.yaml"
MAX_LEDGER_BYTES = 16 << 20  # about 280,000 entries
LOCK_FILE = ".ocop-build.lock"  # the build's lock on the content folder (see build/workspace.py)
FIELDS = ("n", "code", "product", "issued")
HEADER = """\
# QR ledger: every QR code ever issued, and the product it leads to.
# The build appends new codes here. Never edit or delete an entry: codes are printed on packaging.
# Each 'digest' chains an entry to the one before it, so a changed entry is detected (docs/qr-ledger.md).
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
    digest: str | None = None


def entry_digest(previous: str, n: int, code: str, product: str, issued: dt.date) -> str:
    """The digest chaining an entry to the one before it (`previous` is '' for entry 1)."""
    text = "\n".join([previous, str(n), code, product, issued.isoformat()])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


RESTORE_FIX = N_("issued entries never change: restore the file from version control (git checkout -- {ledger}; "
                 "'git log -p {ledger}' shows what changed)")  # a Fix with the value ledger='content/qr-ledger.yaml'



def read_entries(doc: Document, shown: str, problems, chain_ledger: bool = False) -> list[LedgerEntry]:
    """Entries of a parsed ledger, reporting malformed, renumbered, moved, missing and changed ones.

    A ledger none of whose entries has a digest is an error (stripping every digest would otherwise let a
    changed entry through), unless `chain_ledger` (`ocop-site build --chain-ledger`): the build then adds
    them (add_digests)."""
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
            problems.error(shown, line, "malformed ledger entry: expected n, code, product, issued and digest",
                           "restore the entry from version control; never edit the ledger by hand")
            continue
        entries.append(entry)
    numbered = _check_numbers(entries, shown, problems)
    if numbered:
        _check_chain(entries, shown, problems, chain_ledger)
    return entries


def has_no_digests(entries: list[LedgerEntry]) -> bool:
    """A ledger written before digests, or one whose digests were all removed (see read_entries)."""
    return bool(entries) and all(entry.digest is None for entry in entries)


def _entry(item: object, line: int) -> LedgerEntry | None:
    if not isinstance(item, dict) or set(item) - {"digest"} != set(FIELDS):
        return None
    n, code, product, issued, digest = (item["n"], item["code"], item["product"], item["issued"],
                                        item.get("digest"))
    if not (isinstance(n, int) and isinstance(code, str) and isinstance(product, str)
            and isinstance(issued, dt.date) and re.match(CODE_PATTERN, code) and re.match(SLUG_PATTERN, product)):
        return None
    if "digest" in item and not (isinstance(digest, str) and re.fullmatch(r"[0-9a-f]{64}", digest)):
        return None
    return LedgerEntry(n=n, code=code, product=product, issued=issued, line=line, digest=digest)


def _check_numbers(entries: list[LedgerEntry], shown: str, problems) -> bool:
    """Entries are numbered 1, 2, 3 … in order. Returns True when they are (or only some are missing)."""
    numbers = [entry.n for entry in entries]
    if numbers == list(range(1, len(entries) + 1)):
        return True
    first: dict[int, LedgerEntry] = {}
    for entry in entries:
        if entry.n in first:
            problems.error(shown, entry.line, "QR ledger entry number {n} is given twice (first on line {first})",
                           RESTORE_FIX, n=entry.n, first=first[entry.n].line, ledger=shown)
        first.setdefault(entry.n, entry)
    if len(first) < len(entries):
        return False
    if sorted(numbers) == list(range(1, len(entries) + 1)):
        position, moved = next((i, e) for i, e in enumerate(entries, 1) if e.n != i)
        problems.error(shown, moved.line, "QR ledger entry {n} stands where entry {position} belongs: "
                       "issued entries were moved", RESTORE_FIX, n=moved.n, position=position, ledger=shown)
        return False
    previous: LedgerEntry | None = None
    ok = True
    for position, entry in enumerate(entries, 1):
        after = previous.n if previous else 0
        if entry.n != after + 1 and _renumbered(entry, position, previous):
            problems.error(shown, entry.line, "QR ledger entry {position} has been renumbered {n}: "
                           "the numbers of issued entries never change", RESTORE_FIX, position=position, n=entry.n,
                           ledger=shown)
            ok = False
            entry = replace(entry, n=position)
        elif entry.n > after + 1:
            problems.error(shown, entry.line, "ledger entry {first} is missing (numbers jump from {after} to {n})"
                           if entry.n == after + 2 else
                           "ledger entries {first}–{last} are missing (numbers jump from {after} to {n})",
                           "ledger entries are never deleted: restore them from version control "
                           "(git checkout -- {ledger})", first=after + 1, last=entry.n - 1, after=after, n=entry.n,
                           ledger=shown)
        elif entry.n <= after:
            problems.error(shown, entry.line, "QR ledger entry {n} comes after entry {after}: "
                           "issued entries were moved or renumbered", RESTORE_FIX, n=entry.n, after=after,
                           ledger=shown)
            ok = False
        previous = entry
    return ok


def _renumbered(entry: LedgerEntry, position: int, previous: LedgerEntry | None) -> bool:
    """The entry's digest proves it was written as entry `position`: only its number was changed."""
    if entry.digest is None or (previous is not None and (previous.digest is None or previous.n != position - 1)):
        return False
    before = previous.digest if previous else ""
    return entry_digest(before or "", position, entry.code, entry.product, entry.issued) == entry.digest


def _check_chain(entries: list[LedgerEntry], shown: str, problems, chain_ledger: bool) -> None:
    if has_no_digests(entries):
        if not chain_ledger:
            problems.error(shown, 1, "no entry of the QR ledger has a digest: the digests were removed, or the "
                           "ledger was written before entries were chained",
                           "restore the file from version control (git checkout -- {ledger}); only if this "
                           "ledger really was written before digests existed, add them once with 'ocop-site build "
                           "--chain-ledger', then commit the file", ledger=shown)
        return
    by_number = {entry.n: entry for entry in entries}
    for entry in entries:
        if entry.digest is None:
            problems.error(shown, entry.line, "QR ledger entry {n} has no digest: entries are written by "
                           "the build, never by hand", RESTORE_FIX, n=entry.n, ledger=shown)
            continue
        before = by_number.get(entry.n - 1)
        if entry.n > 1 and (before is None or before.digest is None):
            continue  # the entry before is missing or undigested: reported already
        expected = entry_digest(before.digest if before else "", entry.n, entry.code, entry.product, entry.issued)
        if entry.digest != expected:
            problems.error(shown, entry.line, "QR ledger entry {n} (code '{code}', product '{product}', issued "
                           "{issued}) does not match its digest: an issued entry was changed", RESTORE_FIX, n=entry.n,
                           code=entry.code, product=entry.product, issued=entry.issued.isoformat(), ledger=shown)


def append_entries(path: Path, entries: list[tuple[str, str]], today: dt.date, start: int) -> list[LedgerEntry]:
    """Append (code, product) entries numbered from `start`, each chained to the one before it.

    The file is rewritten atomically, keeping its comments; returns the new entries."""
    text = path.read_text(encoding="utf-8") if path.exists() else HEADER
    if text and not text.endswith("\n"):
        text += "\n"
    previous = _digest_of(text, start - 1)
    line = text.count("\n") + 1
    added = []
    for offset, (code, product) in enumerate(entries):
        n = start + offset
        previous = entry_digest(previous, n, code, product, today)
        text += _block(n, code, product, today, previous)
        added.append(LedgerEntry(n=n, code=code, product=product, issued=today, line=line, digest=previous))
        line += len(FIELDS) + 1
    write_atomically(path, text)
    return added


def _digest_of(text: str, n: int) -> str:
    """The digest of entry `n` of a ledger's text ('' before entry 1)."""
    if n < 1:
        return ""
    items = parse(text).data or []
    digest = next((item.get("digest") for item in items if isinstance(item, dict) and item.get("n") == n), None)
    if not isinstance(digest, str):  # the build appends only to a ledger it has checked
        raise ValueError(f"ledger entry {n} has no digest to chain a new entry to")
    return digest


def add_digests(path: Path, entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """Give every entry of a ledger without digests its digest (once), keeping the file's comments."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    doc = parse(text)
    chained: list[LedgerEntry] = []
    previous = ""
    for entry in entries:
        previous = entry_digest(previous, entry.n, entry.code, entry.product, entry.issued)
        chained.append(replace(entry, digest=previous))
    inserts: dict[int, str] = {}
    for index, entry in enumerate(chained):
        key_lines = [doc.lines.get((index, key), 0) for key in FIELDS]
        code_line = lines[doc.lines[(index, "code")] - 1] if (index, "code") in doc.lines else ""
        indent = len(code_line) - len(code_line.lstrip(" -"))
        inserts[max(key_lines)] = " " * indent + f"digest: {entry.digest}\n"
    parts: list[str] = []
    for number, line in enumerate(lines, 1):
        parts.append(line)
        if number in inserts:
            parts.append(inserts[number] if line.endswith("\n") else "\n" + inserts[number])
    result = "".join(parts)
    if _tuples(result) != [(e.n, e.code, e.product, e.issued, e.digest) for e in chained]:  # an unusual layout:
        # write the entries afresh, keeping the comments
        header = "".join(line for line in lines if line.startswith("#")) or HEADER
        result = header + "".join(_block(e.n, e.code, e.product, e.issued, e.digest or "") for e in chained)
    write_atomically(path, result)
    return chained


def _tuples(text: str) -> list[tuple]:
    try:
        return [_as_tuple(item) for item in parse(text).data or []]
    except YamlSyntaxError:
        return []


def _as_tuple(item: object) -> tuple:
    return tuple(item.get(key) for key in (*FIELDS, "digest")) if isinstance(item, dict) else ()


def _block(n: int, code: str, product: str, issued: dt.date, digest: str) -> str:
    return f"- n: {n}\n  code: {code}\n  product: {product}\n  issued: {issued.isoformat()}\n  digest: {digest}\n"


def write_atomically(path: Path, text: str) -> None:
    """Write a temporary file next to `path`, flush it to disk, then rename it over `path`: a crash
    leaves either the old file or the new one. An error names `path`, not the temporary file."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if path.exists() and not os.access(path, os.W_OK):  # a ledger made read-only on purpose stays so
            raise PermissionError(13, "Permission denied", str(path))
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        with open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    except OSError as error:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise OSError(error.errno, error.strerror, str(path)) from error


def stray_temporaries(content_dir: Path) -> list[Path]:
    """Temporary ledger files left by a build that was killed while writing."""
    return sorted(content_dir.glob(f".{LEDGER_FILE}.*.tmp"))


def ledger_json(entries: list[LedgerEntry]) -> str:
    """The ledger as published at /qr/ledger.json, with its chain (docs/qr-ledger.md)."""
    published = [{"n": e.n, "code": e.code, "product": e.product, "issued": e.issued.isoformat(), "digest": e.digest}
                 for e in entries]
    return json.dumps({
        "about": "Every QR code ever issued and the product it leads to. Each digest is the SHA-256 (hex) of "
                 "the previous entry's digest, n, code, product and issued, joined by newline characters (the "
                 "previous digest of entry 1 is empty). An earlier copy of this file is a prefix of every later one.",
        "entries": published,
        "head": entries[-1].digest if entries else "",
    }, indent=1, ensure_ascii=False) + "\n"
