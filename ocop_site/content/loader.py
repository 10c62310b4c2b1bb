"""Load and validate the whole content folder into a Catalog, collecting every problem first."""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
from pathlib import Path

from pydantic import BaseModel, ValidationError

from ocop_site.content import localities, photos, placeholders
from ocop_site.content.ledger import LEDGER_FILE, MAX_LEDGER_BYTES, read_entries
from ocop_site.content.messages import LANGUAGE_NAMES, Explained, did_you_mean, dotted, explain, suggest_key
from ocop_site.content.records import SLUG_PATTERN, ProductRecord, Shop, Showroom, SiteRecord, VideoSettings
from ocop_site.content.stories import Story, parse_story
from ocop_site.content.trips import load_trips
from ocop_site.content.videos import check_kiosk_budget, check_videos
from ocop_site.content.yaml_source import Document, YamlLimitError, YamlSyntaxError, describe, nfc, parse
from ocop_site.i18n import LANGUAGES
from ocop_site.model.catalog import Catalog, Product
from ocop_site.model.certificate import expired_warning
from ocop_site.model.codes import CodeBook, resolve_codes
from ocop_site.model.press import length_warnings
from ocop_site.problems import Problems, Term
from ocop_site.targets.qr.symbol import PayloadTooLong, check_fits, payload  # the QR size limit is a content rule

DRAFT_MAY_LACK = {"missing", "string_too_short", "too_short"}  # pydantic error types a draft record may have
# where later rules (certificate expiry, press lengths) name a product's record
KEPT_LINES = ("certificate.recognized", "certificate.expires",
              *(f"press.{kind}.{language}" for kind in ("short", "long") for language in LANGUAGES))
MAX_FILE_BYTES = 1 << 20  # a record or story is a few kilobytes; 1 MB is a wrong file, not a long story


class ContentReader:
    """Reads files below `content_dir`, naming them in problems as the user wrote the folder."""

    def __init__(self, content_dir: Path, problems: Problems) -> None:
        self.root = content_dir
        self.problems = problems

    def shown(self, path: Path) -> str:
        return str(path).replace("\\", "/")

    def read_bytes(self, path: Path, limit: int = MAX_FILE_BYTES) -> bytes | None:
        """The bytes of a regular file of at most `limit` bytes; anything else is a content error."""
        shown = self.shown(path)
        try:
            if path.is_symlink() and not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(self.root)):
                self.problems.error(shown, 1, "this is a symbolic link to a file outside the content folder",
                                    "put the file itself here, in the content folder")
                return None
            info = path.stat()
            if stat.S_ISREG(info.st_mode) and info.st_size <= limit:
                with path.open("rb") as file:
                    data = file.read(limit + 1)  # the file may have grown since stat()
                if len(data) <= limit:
                    return data
                info = path.stat()
        except OSError as exc:
            message, fix, values = _unreadable(path, exc)
            self.problems.error(shown, 1, message, fix, **values)
            return None
        if stat.S_ISDIR(info.st_mode):
            self.problems.error(shown, 1, "this is a folder, not a file",
                                "move what it holds elsewhere and remove the folder, or rename it without "
                                "'{suffix}'", suffix=path.suffix)
        elif not stat.S_ISREG(info.st_mode):
            self.problems.error(shown, 1, "this is not a regular file (a device, pipe or socket)",
                                "replace it with a plain text file")
        else:
            self.problems.error(shown, 1, "the file is {size}; a file of this kind may be at most {limit}",
                                "check that this is the right file: a record or a "
                                "story is a few kilobytes", size=_megabytes(info.st_size), limit=_megabytes(limit))
        return None

    def read_text(self, path: Path, limit: int = MAX_FILE_BYTES) -> str | None:
        data = self.read_bytes(path, limit)
        if data is None:
            return None
        try:
            return nfc(data.decode("utf-8"))
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.problems.error(self.shown(path), line, "the file is not UTF-8 text",
                                "save it again as UTF-8 (in Word: Save As → Plain Text → Unicode UTF-8)")
            return None

    def read_yaml(self, path: Path, kind: type = dict, limit: int = MAX_FILE_BYTES) -> Document | None:
        text = self.read_text(path, limit)
        if text is None:
            return None
        try:
            doc = parse(text)
        except YamlLimitError as exc:
            self.problems.error(self.shown(path), exc.line, exc.problem, exc.fix)
            return None
        except YamlSyntaxError as exc:
            self.problems.error(self.shown(path), exc.line, "YAML syntax error: {detail}",
                                "check the indentation and the quotes on this line and the one above; "
                                "text containing ': ' or starting with a symbol needs quotes", detail=exc.problem)
            return None
        for key_path, line, first in doc.duplicates:
            self.problems.error(self.shown(path), line, "key '{key}' is given twice (first on line {first})",
                                "keep one of the two lines", key=key_path[-1], first=first)
        for key_path, line, char, in_key in doc.hidden:
            self.problems.error(self.shown(path), line,
                                ("a key under '{name}' contains the invisible character {char}" if key_path
                                 else "a key contains the invisible character {char}") if in_key
                                else ("'{name}' contains the invisible character {char}" if key_path
                                      else "the text contains the invisible character {char}"),
                                "delete it: retype the text around it, or paste the text as plain text",
                                name=dotted(key_path), char=describe(char))
        if doc.hidden:
            return None  # such text must never reach a page
        if kind is list:
            return doc
        if not isinstance(doc.data, dict):
            self.problems.error(self.shown(path), 1, "the file must contain keys such as 'code:' and 'name:'",
                                "start from a record made by 'ocop-site new product SLUG'")
            return None
        return doc

    def validate(self, path: Path, doc: Document, model: type[BaseModel], draft: bool = False,
                 marked: list[tuple] | None = None) -> BaseModel | None:
        """`marked`: keys already reported as the template's placeholders; their schema errors are left out."""
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
                if any(tuple(error["loc"][:len(key)]) == key for key in marked or ()):
                    continue  # "still the template's placeholder" says it better
                message, fix, values = explain(error, model)
                self.problems.error(self.shown(path), doc.line_of(tuple(error["loc"])), message, fix, **values)
            return None


def _unreadable(path: Path, exc: OSError) -> Explained:
    """(message, fix, values) for a content file that cannot be opened."""
    if exc.errno == errno.ELOOP:
        return ("this is a symbolic link that leads back to itself (a loop)",
                "replace the link with the file it should point to", {})
    if exc.errno == errno.ENOENT and path.is_symlink():
        return ("this is a symbolic link to a file that does not exist",
                "replace the link with the file, or delete it", {})
    return ("the file cannot be read ({reason})", "check that the file exists and that you may read it",
            {"reason": exc.strerror})


def _megabytes(size: int) -> str:
    return f"{size / (1 << 20):.1f} MB" if size >= 1 << 20 else f"{size / 1024:.0f} kB"


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
            problems.error(reader.shown(path), 1, "file name '{slug}' is not a valid slug",
                           "rename the file using lower-case letters a-z, digits and '-', e.g. ly-son-garlic.yaml",
                           slug=slug)
            continue
        if slug in seen_slugs:
            problems.error(reader.shown(path), 1,
                           "duplicate slug '{slug}': also defined by {other}",
                           "keep one record per product: delete or rename one of the two files",
                           slug=slug, other=reader.shown(seen_slugs[slug]))
            continue
        seen_slugs[slug] = path
        product = _load_product(reader, path, slug, _showroom_ids(site), site.video if site else VideoSettings())
        if product is None:
            continue
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
    _check_orphan_stories(reader, seen_slugs)
    if site is not None:
        check_kiosk_budget(reader, [(slug, p.media_dir, p.record.videos) for slug, p in sorted(products.items())
                                    if not p.record.withdrawn], site.video)
    trips = load_trips(reader, set(seen_slugs), products)
    # a record that is there but did not load has its own errors: its ledgered code is not 'gone'
    shown_with_errors = {problem.path for problem in problems.errors}
    unloaded = {slug for slug, path in seen_slugs.items()
                if slug not in products and reader.shown(path) in shown_with_errors}
    codes = _resolve_codes(reader, products, codes, unloaded)
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
        expired = expired_warning(product, today)
        if expired:
            problems.warnings.append(expired)


def _check_payload(reader: ContentReader, path: Path, line: int, site_url: str, code: str) -> None:
    try:
        check_fits(payload(site_url, code))
    except PayloadTooLong as too_long:
        message, _, fix = str(too_long).partition(". Fix: ")
        reader.problems.error(reader.shown(path), line, message, fix)


def _resolve_codes(reader: ContentReader, products: dict[str, Product],
                   code_lines: dict[str, tuple[Path, int]], unloaded: set[str]) -> CodeBook:
    path = reader.root / LEDGER_FILE
    entries = []
    if os.path.lexists(path):  # a folder or a broken link in its place is reported, not skipped
        doc = reader.read_yaml(path, kind=list, limit=MAX_LEDGER_BYTES)
        entries = read_entries(doc, reader.shown(path), reader.problems) if doc else []
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


def _showroom_ids(site: SiteRecord | None) -> set[str] | None:
    """The ids products may name under where_to_buy (None when site.yaml did not load)."""
    return None if site is None else {s.id for s in site.showrooms if s.id}


def _load_site(reader: ContentReader) -> SiteRecord | None:
    path = reader.root / "site.yaml"
    if not os.path.lexists(path):
        reader.problems.error(reader.shown(path), 1, "the site settings file is missing",
                              "create it with 'site_url:' and 'title:' (vi, en); see README.md")
        return None
    doc = reader.read_yaml(path)
    if doc is None:
        return None
    showrooms = _get(doc.data, "showrooms")
    seen: set[object] = set()
    for index in range(len(showrooms) if isinstance(showrooms, list) else 0):
        check_place(reader.problems, reader.shown(path), doc, ("showrooms", index))
        showroom_id = _get(showrooms, index, "id")
        if showroom_id is not None and showroom_id in seen:
            reader.problems.error(reader.shown(path), doc.line_of(("showrooms", index, "id")),
                                  "showroom id '{id}' is used twice", "give each showroom its own id",
                                  id=showroom_id)
        seen.add(showroom_id)
    return reader.validate(path, doc, SiteRecord)  # type: ignore[return-value]


def _load_product(reader: ContentReader, path: Path, slug: str, showrooms: set[str] | None,
                  videos: VideoSettings) -> Product | None:
    doc = reader.read_yaml(path)
    draft = doc is not None and _get(doc.data, "draft") is True  # checked, never published
    stories = _load_stories(reader, path, slug, complete=not draft)
    if doc is None:
        return None
    media_dir = reader.root / "media" / slug
    _check_facts(reader, path, doc, showrooms)  # on the raw data: reported even if the schema check fails
    files = _check_photos(reader, path, doc, media_dir)
    check_videos(reader, reader.shown(path), doc, media_dir, videos)
    marked = placeholders.record_placeholders(doc.data) if draft else \
        placeholders.check_record(doc, reader.shown(path), reader.problems, ProductRecord)  # a draft may keep them
    record = reader.validate(path, doc, ProductRecord, draft=draft, marked=marked)
    if draft or not isinstance(record, ProductRecord) or len(stories) < len(LANGUAGES) \
            or len(files) < len(record.images):
        return None
    return Product(slug=slug, record=record, stories=stories, source=path, media_dir=media_dir,
                   code_line=doc.line_of(("code",)), photos=files,
                   lines={key: doc.line_of(tuple(key.split("."))) for key in KEPT_LINES})


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
    if isinstance(commune, str) and commune.strip() and not localities.is_official(commune) \
            and not placeholders.is_placeholder(commune):
        suggestion = localities.suggest(commune)
        line = doc.line_of((*at, "locality", "commune"))
        if suggestion:
            problems.error(shown, line,
                           "'{commune}' is not a commune, ward or special zone of Quảng Ngãi "
                           "(did you mean '{suggestion}'?)",
                           "write '{suggestion}'; put the old district name in 'former_district'",
                           commune=commune, suggestion=suggestion)
        else:
            problems.error(shown, line, "'{commune}' is not a commune, ward or special zone of Quảng Ngãi",
                           "use the official name since July 2025, with its prefix (Xã, Phường or Đặc khu)",
                           commune=commune)
    lat, lon = _get(doc.data, *at, "coordinates", "lat"), _get(doc.data, *at, "coordinates", "lon")
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)) and \
            not localities.inside_province(lat, lon):
        problems.error(shown, doc.line_of((*at, "coordinates")),
                       "coordinates {lat}, {lon} are outside Quảng Ngãi",
                       "check that 'lat' (about 14-15.5) and 'lon' (about 107.3-109.2) are not swapped or mistyped",
                       lat=lat, lon=lon)


def _check_shop_showroom(problems: Problems, shown: str, doc: Document, index: int, shop: dict,
                         showrooms: set[str] | None) -> None:
    """A point of sale names a showroom of site.yaml, or has a name of its own: one of the two."""
    line = doc.line_of(("where_to_buy", index))
    showroom = shop.get("showroom")
    if showroom is None and shop.get("name") is None:
        problems.error(shown, line, "where to buy {n} has no 'name' and no 'showroom'",
                       "add 'name:' with 'vi:' and 'en:', or 'showroom:' with the id of a showroom in site.yaml",
                       n=index + 1)
    elif showroom is not None and shop.get("name") is not None:
        problems.error(shown, line, "where to buy {n} has both 'showroom' and 'name'",
                       "remove 'name:': the showroom's names come from site.yaml", n=index + 1)
    elif isinstance(showroom, str) and showrooms is not None and showroom not in showrooms:
        suggestion = did_you_mean(showroom, sorted(showrooms))
        known = ", ".join(sorted(showrooms)) or Term("none yet")
        problems.error(shown, doc.line_of(("where_to_buy", index, "showroom")),
                       "showroom '{showroom}' is not in site.yaml (did you mean '{suggestion}'?)" if suggestion
                       else "showroom '{showroom}' is not in site.yaml",
                       "write the 'id' of a showroom listed in site.yaml ({known}), or add it there",
                       showroom=showroom, suggestion=suggestion or "", known=known)


def _check_facts(reader: ContentReader, path: Path, doc: Document, showrooms: set[str] | None = None) -> None:
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
            name = _get(shop, "name", "vi") or _get(shop, "name")
            problems.error(shown, doc.line_of(("where_to_buy", index)),
                           "online shop '{name}' has no 'url'", "add 'url:' with the shop's web address", name=name)
        if isinstance(shop, dict):
            _check_shop_showroom(problems, shown, doc, index, shop, showrooms)


def _check_photos(reader: ContentReader, path: Path, doc: Document, media_dir: Path) -> list[Path]:
    """The file of each photo of the record (on the raw data: reported even if the schema check fails)."""
    shown, files, names = reader.shown(path), [], []
    images = _get(doc.data, "images")
    for index, image in enumerate(images if isinstance(images, list) else []):
        name, line = _get(image, "file"), doc.line_of(("images", index, "file"))
        file = _check_photo(reader, shown, line, media_dir, name.strip()) if isinstance(name, str) else None
        if file is not None:
            files.append(file)
            names.append((name.strip(), line))
    for line, clash in photos.stem_clashes(names):
        reader.problems.error(shown, line, clash.message, clash.fix, **clash.values)
    return files


def _check_photo(reader: ContentReader, shown: str, line: int, media_dir: Path, name: str) -> Path | None:
    if not name:
        return None  # the schema check says it is empty
    found = photos.check_name(name, reader.shown(media_dir)) or photos.locate(media_dir, name, reader.shown)
    if isinstance(found, Path):
        found = photos.inspect(found, reader.shown(media_dir / name)) or found
    if isinstance(found, photos.PhotoError):
        reader.problems.error(shown, line, found.message, found.fix, **found.values)
        return None
    return found


def _load_stories(reader: ContentReader, record_path: Path, slug: str, complete: bool = True) -> dict[str, Story]:
    stories: dict[str, Story] = {}
    for language in LANGUAGES:
        path = reader.root / "stories" / f"{slug}.{language}.md"
        if not os.path.lexists(path):
            if not complete:
                continue
            reader.problems.error(
                reader.shown(record_path), 1,
                "the {language} story is missing: expected {path}",
                "create it with the required sections, or run 'ocop-site new product {slug}' in an empty folder "
                "to see a template", language=LANGUAGE_NAMES[language], path=reader.shown(path), slug=slug,
            )
            continue
        text = reader.read_text(path)
        if text is not None:
            stories[language] = parse_story(text, language, reader.shown(path), reader.problems, complete)
            if complete:  # a draft may keep the template's placeholders
                placeholders.check_story(text, language, reader.shown(path), reader.problems)
    return stories


def _check_orphan_stories(reader: ContentReader, slugs: dict[str, Path]) -> None:
    story_dir = reader.root / "stories"
    for path in sorted(story_dir.glob("*.md")) if story_dir.is_dir() else []:
        parts = path.name.split(".")
        if len(parts) != 3 or parts[1] not in LANGUAGES:
            reader.problems.error(reader.shown(path), 1, "story file names look like <slug>.vi.md or <slug>.en.md",
                                  "rename the file")
        elif parts[0] not in slugs:
            reader.problems.warn(reader.shown(path), 1, "story has no product record products/{slug}.yaml",
                                 "check the file name against the product's slug", slug=parts[0])
