"""Load and validate the whole content folder into a Catalog, collecting every problem first.

Each file is read and checked by the content layer (content/product_files.py, content/trips.py,
content/ledger.py); here they become the model: products with unique codes that fit a QR symbol, the
code book joined with the QR ledger, trips resolved to their products, and the warnings of rules that
need the valid record (press lengths, an expired certificate, a photo too small to print), so that
validate, build, serve and the editor report the same.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

from ocop_site.content.ledger import LEDGER_FILE, MAX_LEDGER_BYTES, read_entries
from ocop_site.content.product_files import check_orphan_stories, read_product, read_site, showroom_ids
from ocop_site.content.reader import ContentReader
from ocop_site.content.records import PRINTED, SLUG_PATTERN, Shop, Showroom, SiteRecord, VideoSettings
from ocop_site.content.trips import read_trips
from ocop_site.content.videos import check_kiosk_budget
from ocop_site.model.catalog import Catalog
from ocop_site.model.codes import CodeBook, resolve_codes
from ocop_site.model.drawable import name_problems
from ocop_site.model.press import length_warnings
from ocop_site.model.print_photos import resolution_warnings
from ocop_site.model.product import Product, expired_warning
from ocop_site.model.qr_payload import PayloadTooLong, check_fits, payload
from ocop_site.model.trips import resolve_trips
from ocop_site.problems import Problems


def load_catalog(content_dir: Path, today: dt.date | None = None, *, chain_ledger: bool = False) -> Catalog:
    """Read everything, validate everything; raise ContentErrors listing every problem.

    `chain_ledger` (only `ocop-site build --chain-ledger`) accepts a QR ledger none of whose entries has a
    digest, which is otherwise an error: the build then adds them."""
    problems = Problems()
    reader = ContentReader(Path(content_dir), problems)
    site = read_site(reader)
    products: dict[str, Product] = {}
    seen_slugs: dict[str, Path] = {}
    codes: dict[str, tuple[Path, int]] = {}
    product_dir = reader.root / "products"
    if not product_dir.is_dir():
        problems.error(reader.shown(product_dir), 1, "the products folder is missing",
                       "create it and add a record with 'ocop-site new product SLUG'")
    records = sorted(product_dir.glob("*.y*ml")) if product_dir.is_dir() else []
    for path in records:
        slug = path.stem
        if not re.match(SLUG_PATTERN, slug):
            problems.error(reader.shown(path), 1, "file name '{slug}' is not a valid slug",
                           "rename the file using lower-case letters a-z, digits and '-', e.g. ly-son-garlic.yaml",
                           slug=slug)
            continue
        if len(slug) > PRINTED["slug"]:  # the product page's address is printed on every piece
            problems.error(reader.shown(path), 1, "file name '{slug}' is {length} characters long; the printed "
                           "pieces have room for {most}", "rename the file to a shorter name of {most} characters "
                           "or fewer, e.g. ly-son-garlic.yaml", slug=slug, length=len(slug), most=PRINTED["slug"])
            continue
        if slug in seen_slugs:
            problems.error(reader.shown(path), 1,
                           "duplicate slug '{slug}': also defined by {other}",
                           "keep one record per product: delete or rename one of the two files",
                           slug=slug, other=reader.shown(seen_slugs[slug]))
            continue
        seen_slugs[slug] = path
        read = read_product(reader, path, slug, showroom_ids(site), site.video if site else VideoSettings())
        if read is None:
            continue
        product = Product(slug=slug, source=path, **read._asdict())
        code = product.record.code
        doc_line = product.code_line
        if code in codes:
            other, other_line = codes[code]
            problems.error(reader.shown(path), doc_line,
                           "QR code '{code}' is already used by {other}:{other_line}",
                           "every product needs its own code: choose another one",
                           code=code, other=reader.shown(other), other_line=other_line)
            continue
        codes[code] = (path, doc_line)
        if site is not None:
            _check_payload(reader, path, doc_line, site.site_url, code)
        products[slug] = product
    if site is not None:
        _resolve_showrooms(products, site)
    check_orphan_stories(reader, seen_slugs)
    if site is not None:
        check_kiosk_budget(reader, [(slug, p.media_dir, p.record.videos) for slug, p in sorted(products.items())
                                    if not p.record.withdrawn], site.video)
    trips = resolve_trips(read_trips(reader, set(seen_slugs)), products)
    # a record that is there but did not load has its own errors: its ledgered code is not 'gone'
    shown_with_errors = {problem.path for problem in problems.errors}
    unloaded = {slug for slug, path in seen_slugs.items()
                if slug not in products and reader.shown(path) in shown_with_errors}
    codes = _resolve_codes(reader, products, codes, unloaded, chain_ledger)
    for product in products.values():
        if not product.record.withdrawn:  # a withdrawn product has no share card
            problems.errors += name_problems(product)
    _warn_about_products(problems, products, today or dt.date.today())
    problems.raise_if_any()
    if site is None:  # pragma: no cover - raise_if_any has reported why
        raise AssertionError
    return Catalog(site=site, products=dict(sorted(products.items())), today=today or dt.date.today(),
                   content_dir=reader.root, codes=codes, warnings=sorted(set(problems.warnings)),
                   trips=trips)



def _warn_about_products(problems: Problems, products: dict[str, Product], today: dt.date) -> None:
    """Rules of valid records that warn, reported here so every command that loads shows them alike."""
    for product in products.values():
        if product.record.withdrawn:
            continue  # not listed: no press kit, nothing printed
        problems.warnings += length_warnings(product)
        problems.warnings += resolution_warnings(product, today)
        expired = expired_warning(product, today)
        if expired:
            problems.warnings.append(expired)



def _check_payload(reader: ContentReader, path: Path, line: int, site_url: str, code: str) -> None:
    try:
        check_fits(payload(site_url, code))
    except PayloadTooLong as too_long:
        reader.problems.error(reader.shown(path), line, too_long.template, too_long.fix, **too_long.values)



def _resolve_codes(reader: ContentReader, products: dict[str, Product],
                   code_lines: dict[str, tuple[Path, int]], unloaded: set[str], chain_ledger: bool) -> CodeBook:
    path = reader.root / LEDGER_FILE
    entries = []
    if os.path.lexists(path):  # a folder or a broken link in its place is reported, not skipped
        doc = reader.read_yaml(path, kind=list, limit=MAX_LEDGER_BYTES)
        entries = read_entries(doc, reader.shown(path), reader.problems, chain_ledger) if doc else []
    return resolve_codes(
        entries, {p.record.code: slug for slug, p in products.items()},
        {code: (reader.shown(file), line) for code, (file, line) in code_lines.items()},
        reader.shown(path), reader.problems, unloaded)



def _resolve_showrooms(products: dict[str, Product], site: SiteRecord) -> None:
    """A point of sale that names a showroom gets the showroom's names, address, hours, phone and
    position, so that every output reads one complete list."""
    showrooms = {s.id: s for s in site.showrooms if s.id}
    for product in products.values():
        record = product.record
        if any(shop.showroom for shop in record.where_to_buy):
            record.where_to_buy = [_from_showroom(shop, showrooms[shop.showroom]) if shop.showroom in showrooms
                                   else shop for shop in record.where_to_buy]


def _from_showroom(shop: Shop, showroom: Showroom) -> Shop:
    resolved = shop.model_copy(update={key: getattr(showroom, key) for key in (
        "name", "address", "hours", "phone", "illustrative")})
    resolved._position = showroom.coordinates
    return resolved
