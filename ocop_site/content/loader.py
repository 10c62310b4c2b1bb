"""Load and validate the whole content folder into a Catalog, collecting every problem first."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel, ValidationError

from ocop_site.content import localities
from ocop_site.content.ledger import LEDGER_FILE, read_entries
from ocop_site.content.messages import explain, suggest_key
from ocop_site.content.records import SLUG_PATTERN, ProductRecord, SiteRecord, VideoSettings
from ocop_site.content.stories import LANGUAGES, Story, parse_story
from ocop_site.content.trips import load_trips
from ocop_site.content.videos import check_kiosk_budget, check_videos
from ocop_site.content.yaml_source import Document, YamlSyntaxError, nfc, parse
from ocop_site.model.catalog import Catalog, Product
from ocop_site.model.codes import CodeBook, resolve_codes
from ocop_site.problems import Problems
from ocop_site.targets.qr.symbol import PayloadTooLong, check_fits, payload  # the QR size limit is a content rule

LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}
DRAFT_MAY_LACK = {"missing", "string_too_short", "too_short"}  # pydantic error types a draft record may have


class ContentReader:
    """Reads files below `content_dir`, naming them in problems as the user wrote the folder."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.root = content_dir
        self.problems = problems

    def shown(self, path: Path) -> str:
        return str(path).replace("\\", "/")

    def read_text(self, path: Path) -> str | None:
        try:
            return nfc(path.read_bytes().decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = path.read_bytes()[: exc.start].count(b"\n") + 1
            self.problems.error(self.shown(path), line, "the file is not UTF-8 text",
                                "save it again as UTF-8 (in Word: Save As → Plain Text → Unicode UTF-8)")
            return None

    def read_yaml(self, path: Path, kind: type = dict) -> Document | None:
        text = self.read_text(path)
        if text is None:
            return None
        try:
            doc = parse(text)
        except YamlSyntaxError as exc:
            self.problems.error(self.shown(path), exc.line, f"YAML syntax error: {exc.problem}",
                                "check the indentation and the quotes on this line and the one above; "
                                "text containing ': ' or starting with a symbol needs quotes")
            return None
        for key_path, line, first in doc.duplicates:
            self.problems.error(self.shown(path), line, f"key '{key_path[-1]}' is given twice (first on line {first})",
                                "keep one of the two lines")
        if kind is list:
            return doc
        if not isinstance(doc.data, dict):
            self.problems.error(self.shown(path), 1, "the file must contain keys such as 'code:' and 'name:'",
                                "start from a record made by 'ocop-site new product SLUG'")
            return None
        return doc

    def validate(self, path: Path, doc: Document, model: type[BaseModel], draft: bool = False) -> BaseModel | None:
        try:
            return model.model_validate(doc.data)
        except ValidationError as exc:
            errors = exc.errors()
            misspelt = {loc for loc in (_misspelling(e, model) for e in errors) if loc}
            for error in errors:
                if error["type"] == "missing" and tuple(error["loc"]) in misspelt:
                    continue  # the unknown-key error already says "did you mean"
                if draft and error["type"] in DRAFT_MAY_LACK:
                    continue  # what a draft lacks is listed by 'ocop-site report'
                message, fix = explain(error, model)
                self.problems.error(self.shown(path), doc.line_of(tuple(error["loc"])), message, fix)
            return None


def _misspelling(error: dict, model: type[BaseModel]) -> tuple | None:
    """For an unknown key that looks like a misspelt field, the location of that field."""
    if error["type"] != "extra_forbidden":
        return None
    suggestion = suggest_key(tuple(error["loc"]), model)
    return (*tuple(error["loc"][:-1]), suggestion) if suggestion else None


def load_catalog(content_dir: Path, today: dt.date | None = None) -> Catalog:
    """Read everything, validate everything; raise ContentErrors listing every problem."""
    problems = Problems()
    reader = ContentReader(Path(content_dir), problems)
    site = _load_site(reader)
    products: dict[str, Product] = {}
    seen_slugs: dict[str, Path] = {}
    codes: dict[str, tuple[Path, int]] = {}
    product_dir = reader.root / "products"
    if not product_dir.is_dir():
        problems.error(reader.shown(product_dir), 1, "the products folder is missing",
                       "create it and add a record with 'ocop-site new product SLUG'")
    files = sorted(product_dir.glob("*.y*ml")) if product_dir.is_dir() else []
    for path in files:
        slug = path.stem
        if not re.match(SLUG_PATTERN, slug):
            problems.error(reader.shown(path), 1, f"file name '{slug}' is not a valid slug",
                           "rename the file using lower-case letters a-z, digits and '-', e.g. ly-son-garlic.yaml")
            continue
        if slug in seen_slugs:
            problems.error(reader.shown(path), 1,
                           f"duplicate slug '{slug}': also defined by {reader.shown(seen_slugs[slug])}",
                           "keep one record per product: delete or rename one of the two files")
            continue
        seen_slugs[slug] = path
        product = _load_product(reader, path, slug, site.video if site else VideoSettings())
        if product is None:
            continue
        code = product.record.code
        doc_line = product.code_line
        if code in codes:
            other, other_line = codes[code]
            problems.error(reader.shown(path), doc_line,
                           f"QR code '{code}' is already used by {reader.shown(other)}:{other_line}",
                           "every product needs its own code: choose another one")
            continue
        codes[code] = (path, doc_line)
        if site is not None:
            _check_payload(reader, path, doc_line, site.site_url, code)
        products[slug] = product
    _check_orphan_stories(reader, seen_slugs)
    if site is not None:
        check_kiosk_budget(reader, [(slug, p.media_dir, p.record.videos) for slug, p in sorted(products.items())
                                    if not p.record.withdrawn], site.video)
    trips = load_trips(reader, set(seen_slugs), products)
    codes = _resolve_codes(reader, products, codes)
    problems.raise_if_any()
    if site is None:  # pragma: no cover - raise_if_any has reported why
        raise AssertionError
    return Catalog(site=site, products=dict(sorted(products.items())), today=today or dt.date.today(),
                   content_dir=reader.root, codes=codes, warnings=sorted(set(problems.warnings)),
                   trips=trips)


def _check_payload(reader: ContentReader, path: Path, line: int, site_url: str, code: str) -> None:
    try:
        check_fits(payload(site_url, code))
    except PayloadTooLong as too_long:
        message, _, fix = str(too_long).partition(". Fix: ")
        reader.problems.error(reader.shown(path), line, message, fix)


def _resolve_codes(reader: ContentReader, products: dict[str, Product],
                   code_lines: dict[str, tuple[Path, int]]) -> CodeBook:
    path = reader.root / LEDGER_FILE
    entries = []
    if path.is_file():
        doc = reader.read_yaml(path, kind=list)
        entries = read_entries(doc, reader.shown(path), reader.problems) if doc else []
    return resolve_codes(
        entries, {p.record.code: slug for slug, p in products.items()},
        {code: (reader.shown(file), line) for code, (file, line) in code_lines.items()},
        reader.shown(path), reader.problems)


def _load_site(reader: ContentReader) -> SiteRecord | None:
    path = reader.root / "site.yaml"
    if not path.is_file():
        reader.problems.error(reader.shown(path), 1, "the site settings file is missing",
                              "create it with 'site_url:' and 'title:' (vi, en); see README.md")
        return None
    doc = reader.read_yaml(path)
    if doc is None:
        return None
    showrooms = _get(doc.data, "showrooms")
    for index in range(len(showrooms) if isinstance(showrooms, list) else 0):
        check_place(reader.problems, reader.shown(path), doc, ("showrooms", index))
    return reader.validate(path, doc, SiteRecord)  # type: ignore[return-value]


def _load_product(reader: ContentReader, path: Path, slug: str, videos: VideoSettings) -> Product | None:
    doc = reader.read_yaml(path)
    draft = doc is not None and _get(doc.data, "draft") is True  # checked, never published
    stories = _load_stories(reader, path, slug, complete=not draft)
    if doc is None:
        return None
    media_dir = reader.root / "media" / slug
    _check_facts(reader, path, doc, media_dir)  # on the raw data: reported even if the schema check fails
    check_videos(reader, reader.shown(path), doc, media_dir, videos)
    record = reader.validate(path, doc, ProductRecord, draft=draft)
    if draft or not isinstance(record, ProductRecord) or len(stories) < len(LANGUAGES):
        return None
    return Product(slug=slug, record=record, stories=stories, source=path, media_dir=media_dir,
                   code_line=doc.line_of(("code",)))


def _get(data: object, *keys: str | int) -> object:
    """data[k1][k2]… or None when any step is missing or of the wrong kind."""
    for key in keys:
        if isinstance(key, int):
            data = data[key] if isinstance(data, list) and key < len(data) else None
        else:
            data = data.get(key) if isinstance(data, dict) else None
    return data


def check_place(problems: Problems, shown: str, doc: Document, at: tuple[str | int, ...] = ()) -> None:
    """An official commune at `at`.locality.commune and coordinates inside the province at
    `at`.coordinates (a product record, a showroom, a trip stop)."""
    commune = _get(doc.data, *at, "locality", "commune")
    if isinstance(commune, str) and commune.strip() and not localities.is_official(commune):
        suggestion = localities.suggest(commune)
        message = f"'{commune}' is not a commune, ward or special zone of Quảng Ngãi"
        fix = "use the official name since July 2025, with its prefix (Xã, Phường or Đặc khu)"
        if suggestion:
            message += f" (did you mean '{suggestion}'?)"
            fix = f"write '{suggestion}'; put the old district name in 'former_district'"
        problems.error(shown, doc.line_of((*at, "locality", "commune")), message, fix)
    lat, lon = _get(doc.data, *at, "coordinates", "lat"), _get(doc.data, *at, "coordinates", "lon")
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)) and \
            not localities.inside_province(lat, lon):
        problems.error(shown, doc.line_of((*at, "coordinates")),
                       f"coordinates {lat}, {lon} are outside Quảng Ngãi",
                       "check that 'lat' (about 14-15.5) and 'lon' (about 107.3-109.2) are not swapped or mistyped")


def _check_facts(reader: ContentReader, path: Path, doc: Document, media_dir: Path) -> None:
    """Checks the schema cannot express: official localities, the map, dates, files on disk."""
    problems, shown, data = reader.problems, reader.shown(path), doc.data
    check_place(problems, shown, doc)
    recognized, expires = _get(data, "certificate", "recognized"), _get(data, "certificate", "expires")
    if isinstance(recognized, dt.date) and isinstance(expires, dt.date) and expires <= recognized:
        problems.error(shown, doc.line_of(("certificate", "expires")),
                       "'certificate.expires' is not after 'certificate.recognized'",
                       "check both dates, or remove 'expires' to use 36 months after recognition")
    low, high = _get(data, "price_range", "min"), _get(data, "price_range", "max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        problems.error(shown, doc.line_of(("price_range",)), "'price_range.min' is larger than 'price_range.max'",
                       "swap the two numbers")
    shops = _get(data, "where_to_buy")
    for index, shop in enumerate(shops if isinstance(shops, list) else []):
        if _get(shop, "kind") == "online" and not _get(shop, "url"):
            problems.error(shown, doc.line_of(("where_to_buy", index)),
                           f"online shop '{_get(shop, 'name')}' has no 'url'", "add 'url:' with the shop's web address")
    images = _get(data, "images")
    for index, image in enumerate(images if isinstance(images, list) else []):
        name = _get(image, "file")
        if isinstance(name, str) and name.strip():
            _check_image(reader, shown, doc.line_of(("images", index, "file")), media_dir, name.strip())


def _check_image(reader: ContentReader, shown: str, line: int, media_dir: Path, name: str) -> None:
    file = media_dir / name
    if not file.is_file():
        reader.problems.error(shown, line, f"image file {reader.shown(file)} does not exist",
                              f"put the photo in {reader.shown(media_dir)}/ or correct the file name")
        return
    try:
        with Image.open(file) as picture:
            picture.verify()
    except (UnidentifiedImageError, OSError):
        reader.problems.error(shown, line, f"image file {reader.shown(file)} is not a readable photo",
                              "save it again as JPEG or PNG")


def _load_stories(reader: ContentReader, record_path: Path, slug: str, complete: bool = True) -> dict[str, Story]:
    stories: dict[str, Story] = {}
    for language in LANGUAGES:
        path = reader.root / "stories" / f"{slug}.{language}.md"
        if not path.is_file():
            if not complete:
                continue
            reader.problems.error(
                reader.shown(record_path), 1,
                f"the {LANGUAGE_NAMES[language]} story is missing: expected {reader.shown(path)}",
                f"create it with the required sections, or run 'ocop-site new product {slug}' in an empty folder "
                "to see a template",
            )
            continue
        text = reader.read_text(path)
        if text is not None:
            stories[language] = parse_story(text, language, reader.shown(path), reader.problems, complete)
    return stories


def _check_orphan_stories(reader: ContentReader, slugs: dict[str, Path]) -> None:
    story_dir = reader.root / "stories"
    for path in sorted(story_dir.glob("*.md")) if story_dir.is_dir() else []:
        parts = path.name.split(".")
        if len(parts) != 3 or parts[1] not in LANGUAGES:
            reader.problems.error(reader.shown(path), 1, "story file names look like <slug>.vi.md or <slug>.en.md",
                                  "rename the file")
        elif parts[0] not in slugs:
            reader.problems.warn(reader.shown(path), 1, f"story has no product record products/{parts[0]}.yaml",
                                 "check the file name against the product's slug")
