"""Read and check the files of one product (record, stories, photos) and the site settings.

The content layer: what one file says and whether it is well formed. Assembling the files into the
catalogue, and the rules that need several of them (codes, the QR ledger, trips' products), is the
model's loader (ocop_site/model/loader.py)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import NamedTuple

from ocop_site.content import photos, placeholders
from ocop_site.content.drawable import undrawable_problem
from ocop_site.content.messages import LANGUAGE_NAMES, did_you_mean
from ocop_site.content.parsed import remembered
from ocop_site.content.places import check_place
from ocop_site.content.reader import ContentReader, lookup
from ocop_site.content.records import ProductRecord, SiteRecord, VideoSettings
from ocop_site.content.stories import Story, parse_story
from ocop_site.content.videos import check_videos
from ocop_site.content.yaml_source import Document
from ocop_site.i18n import LANGUAGES
from ocop_site.problems import Problems, Term

# where later rules (certificate expiry, press lengths, drawable names) name a product's record
KEPT_LINES = ("certificate.recognized", "certificate.expires", *(f"name.{language}" for language in LANGUAGES),
              *(f"press.{kind}.{language}" for kind in ("short", "long") for language in LANGUAGES))


class ProductFiles(NamedTuple):
    """A valid product record with its stories and photos, as read from the content folder."""

    record: ProductRecord
    stories: dict[str, Story]
    media_dir: Path
    code_line: int  # where 'code:' is written
    photos: list[Path]  # the file of each image, as found on disk (NFC-matched)
    photo_sizes: list[photos.PhotoSize]  # each photo's pixels as shown (EXIF orientation applied)
    lines: dict[str, int]  # KEPT_LINES and each 'images.N.file' → line


def showroom_ids(site: SiteRecord | None) -> set[str] | None:
    """The ids products may name under where_to_buy (None when site.yaml did not load)."""
    return None if site is None else {s.id for s in site.showrooms if s.id}


def read_site(reader: ContentReader) -> SiteRecord | None:
    """content/site.yaml, with its showrooms' places and ids checked."""
    path = reader.root / "site.yaml"
    if not os.path.lexists(path):
        reader.problems.error(reader.shown(path), 1, "the site settings file is missing",
                              "create it with 'site_url:' and 'title:' (vi, en); see README.md")
        return None
    doc = reader.read_yaml(path)
    if doc is None:
        return None
    showrooms = lookup(doc.data, "showrooms")
    seen: set[object] = set()
    for index in range(len(showrooms) if isinstance(showrooms, list) else 0):
        check_place(reader.problems, reader.shown(path), doc, ("showrooms", index))
        showroom_id = lookup(showrooms, index, "id")
        if showroom_id is not None and showroom_id in seen:
            reader.problems.error(reader.shown(path), doc.line_of(("showrooms", index, "id")),
                                  "showroom id '{id}' is used twice", "give each showroom its own id",
                                  id=showroom_id)
        seen.add(showroom_id)
    site = reader.validate(path, doc, SiteRecord)
    if isinstance(site, SiteRecord):  # every share card shows the title
        for language in LANGUAGES:
            found = undrawable_problem(reader.shown(path), doc.line_of(("title", language)), f"title.{language}",
                                       getattr(site.title, language))
            if found:
                reader.problems.errors.append(found)
    return site  # type: ignore[return-value]


def read_product(reader: ContentReader, path: Path, slug: str, showrooms: set[str] | None,
                 videos: VideoSettings) -> ProductFiles | None:
    """A product record, its stories and photos, if all are valid and it is no draft."""
    doc = reader.read_yaml(path)
    draft = doc is not None and lookup(doc.data, "draft") is True  # checked, never published
    stories = _load_stories(reader, path, slug, complete=not draft)
    if doc is None:
        return None
    media_dir = reader.root / "media" / slug
    _check_facts(reader, path, doc, showrooms)  # on the raw data: reported even if the schema check fails
    files, sizes = _check_photos(reader, path, doc, media_dir)
    check_videos(reader, reader.shown(path), doc, media_dir, videos)
    marked = placeholders.record_placeholders(doc.data) if draft else \
        placeholders.check_record(doc, reader.shown(path), reader.problems, ProductRecord)  # a draft may keep them
    record = reader.validate(path, doc, ProductRecord, draft=draft, marked=marked)
    if draft or not isinstance(record, ProductRecord) or len(stories) < len(LANGUAGES) \
            or len(files) < len(record.images):
        return None
    keys = [*KEPT_LINES, *(f"images.{index}.file" for index in range(len(record.images)))]
    return ProductFiles(record=record, stories=stories, media_dir=media_dir, code_line=doc.line_of(("code",)),
                        photos=files, photo_sizes=sizes, lines={key: doc.line_of(_key_path(key)) for key in keys})


def _key_path(dotted: str) -> tuple[str | int, ...]:
    return tuple(int(part) if part.isdigit() else part for part in dotted.split("."))


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
    recognized, expires = lookup(data, "certificate", "recognized"), lookup(data, "certificate", "expires")
    if isinstance(recognized, dt.date) and isinstance(expires, dt.date) and expires <= recognized:
        problems.error(shown, doc.line_of(("certificate", "expires")),
                       "'certificate.expires' is not after 'certificate.recognized'",
                       "check both dates, or remove 'expires' to use 36 months after recognition")
    low, high = lookup(data, "price_range", "min"), lookup(data, "price_range", "max")
    if isinstance(low, int) and isinstance(high, int) and low > high:
        problems.error(shown, doc.line_of(("price_range",)), "'price_range.min' is larger than 'price_range.max'",
                       "swap the two numbers")
    shops = lookup(data, "where_to_buy")
    for index, shop in enumerate(shops if isinstance(shops, list) else []):
        if lookup(shop, "kind") == "online" and not lookup(shop, "url"):
            name = lookup(shop, "name", "vi") or lookup(shop, "name")
            problems.error(shown, doc.line_of(("where_to_buy", index)),
                           "online shop '{name}' has no 'url'", "add 'url:' with the shop's web address", name=name)
        if lookup(shop, "kind") == "shop":  # a place to visit: a tourist needs to find it and to call it
            name, line = lookup(shop, "name", "vi") or lookup(shop, "name"), doc.line_of(("where_to_buy", index))
            if not lookup(shop, "address"):
                problems.error(shown, line, "shop '{name}' has no 'address'",
                               "add 'address:' with the shop's postal address, so that visitors can find it", name=name)
            if not lookup(shop, "phone"):
                problems.error(shown, line, "shop '{name}' has no 'phone'",
                               "add 'phone:' with the shop's number in quotes, e.g. \"0255 3822 111\"", name=name)
        if isinstance(shop, dict):
            _check_shop_showroom(problems, shown, doc, index, shop, showrooms)


def _check_photos(reader: ContentReader, path: Path, doc: Document,
                  media_dir: Path) -> tuple[list[Path], list[photos.PhotoSize]]:
    """The file and the size of each photo of the record (on the raw data: reported even if the schema check
    fails)."""
    shown, files, sizes, names = reader.shown(path), [], [], []
    images = lookup(doc.data, "images")
    for index, image in enumerate(images if isinstance(images, list) else []):
        name, line = lookup(image, "file"), doc.line_of(("images", index, "file"))
        found = _check_photo(reader, shown, line, media_dir, name.strip()) if isinstance(name, str) else None
        if found is not None:
            files.append(found[0])
            sizes.append(found[1])
            names.append((name.strip(), line))
    for line, clash in photos.stem_clashes(names):
        reader.problems.error(shown, line, clash.message, clash.fix, **clash.values)
    return files, sizes


def _check_photo(reader: ContentReader, shown: str, line: int, media_dir: Path,
                 name: str) -> tuple[Path, photos.PhotoSize] | None:
    if not name:
        return None  # the schema check says it is empty
    located = photos.check_name(name, reader.shown(media_dir)) or photos.locate(media_dir, name, reader.shown)
    found = photos.inspect(located, reader.shown(media_dir / name)) if isinstance(located, Path) else located
    if isinstance(found, photos.PhotoError):
        reader.problems.error(shown, line, found.message, found.fix, **found.values)
        return None
    assert isinstance(located, Path)
    return located, found


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
            stories[language] = _read_story(text, language, reader.shown(path), reader.problems, complete)
    return stories


def _read_story(text: str, language: str, shown: str, problems: Problems, complete: bool) -> Story:
    """The story and its problems, parsed or as the last reading of the same text found them (parsed.py)."""
    def parsed() -> tuple[Story, Problems]:
        found = Problems()
        story = parse_story(text, language, shown, found, complete)
        if complete:  # a draft may keep the template's placeholders
            placeholders.check_story(text, language, shown, found)
        return story, found

    story, found = remembered("story", text, parsed, language, shown, complete)
    problems.errors += found.errors
    problems.warnings += found.warnings
    return story


def check_orphan_stories(reader: ContentReader, slugs: dict[str, Path]) -> None:
    story_dir = reader.root / "stories"
    for path in sorted(story_dir.glob("*.md")) if story_dir.is_dir() else []:
        parts = path.name.split(".")
        if len(parts) != 3 or parts[1] not in LANGUAGES:
            reader.problems.error(reader.shown(path), 1, "story file names look like <slug>.vi.md or <slug>.en.md",
                                  "rename the file")
        elif parts[0] not in slugs:
            reader.problems.warn(reader.shown(path), 1, "story has no product record products/{slug}.yaml",
                                 "check the file name against the product's slug", slug=parts[0])
