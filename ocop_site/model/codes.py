"""Where every QR code leads: the ledger joined with today's product records.

Rules (see content/ledger.py for the file):
- a product whose code is not in the ledger is new: the build appends it;
- a ledgered code whose product now has another slug (same code) is a rename: the old slug
  redirects to the new one and the build appends the new destination;
- a ledgered code whose product no longer exists would stop resolving: an error (withdraw the
  product instead, which keeps a page that says so);
- a ledgered code given to a different, existing product is a reuse: an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocop_site.content.ledger import LedgerEntry


@dataclass
class CodeBook:
    routes: dict[str, str] = field(default_factory=dict)  # code → slug it leads to
    redirects: dict[str, str] = field(default_factory=dict)  # old slug → current slug
    new_entries: list[tuple[str, str]] = field(default_factory=list)  # (code, slug) to append
    ledgered: set[str] = field(default_factory=set)  # codes the ledger already holds
    next_n: int = 1
    entries: list[LedgerEntry] = field(default_factory=list)  # the ledger as read, then as the build extended it


def resolve_codes(entries: list[LedgerEntry], codes: dict[str, str], code_lines: dict[str, tuple[str, int]],
                  ledger_path: str, problems, unloaded: frozenset[str] | set[str] = frozenset()) -> CodeBook:
    """`codes`: each current product's code → slug; `code_lines`: code → (record path, line);
    `unloaded`: slugs whose record is there but has errors of its own (not reported again as gone)."""
    book = CodeBook(next_n=(entries[-1].n + 1) if entries else 1, entries=list(entries))
    latest: dict[str, LedgerEntry] = {}
    for entry in entries:
        latest[entry.code] = entry
    book.ledgered = set(latest)
    slugs = set(codes.values())
    for code, entry in latest.items():
        current = codes.get(code)
        if current == entry.product:
            book.routes[code] = current
        elif current is not None and entry.product not in slugs:  # renamed: same code, new slug
            book.routes[code] = current
            book.new_entries.append((code, current))
        elif current is not None:
            path, line = code_lines[code]
            problems.error(path, line, "QR code '{code}' was issued to '{product}' ({ledger}:{line}); a printed code "
                           "is never reused for another product", "give this product a new code", code=code,
                           product=entry.product, ledger=ledger_path, line=entry.line)
        elif entry.product in slugs:  # the product changed its code: the old one still leads to it
            book.routes[code] = entry.product
        elif entry.product not in unloaded:
            problems.error(ledger_path, entry.line,
                           "QR code '{code}' leads to product '{product}', which no longer exists: "
                           "printed codes would stop working",
                           "keep content/products/{product}.yaml (or rename it keeping its code) and add "
                           "'withdrawn: YYYY-MM-DD' to withdraw it", code=code, product=entry.product)
    for entry in entries:  # every slug a code ever led to keeps working
        final = book.routes.get(entry.code)
        if final and entry.product != final and entry.product not in slugs:
            book.redirects[entry.product] = final
    for code, slug in sorted(codes.items(), key=lambda item: item[1]):
        if code not in latest:
            book.routes[code] = slug
            book.new_entries.append((code, slug))
    return book
