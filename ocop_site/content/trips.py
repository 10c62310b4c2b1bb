"""Famtrip and presstrip itineraries: content/trips/<slug>.yaml, validated like product records.

A trip has days; a day has an ordered list of stops. A stop is a product's production site
(`product: <slug>`: the place, producer and story come from the product record), an OCOP showroom or
a place of its own (`showroom:` / `place:` with name, address and coordinates).

Every text the printed A5 guide shows whole has a maximum length (characters, after NFC normalization by
the YAML reader), generous for real content: the guide's tightest layout of a stop page is made to fit
any record within them (tests/test_guide_maxima.py), so `validate` finds a text too long for the guide,
not only `build`.
"""

from __future__ import annotations

import itertools
import json
import re
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import ConfigDict, Field, StringConstraints, ValidationError, field_validator

from ocop_site.content.messages import Explained, did_you_mean, dotted, explain, shown, suggest_key
from ocop_site.content.places import check_place
from ocop_site.content.records import SLUG_PATTERN, Coordinates, _Strict

if TYPE_CHECKING:
    from ocop_site.content.reader import ContentReader
    from ocop_site.content.yaml_source import Document

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
# Maximum lengths, in characters, of the texts the guide prints whole.
NAME_MOST = 100  # trip, day and place names; the longest sample name is 53
PASSAGE_MOST = 400  # summary, activity, notes: a few sentences; the longest sample text is 200
ADDRESS_MOST = 200  # a Vietnamese street address with hamlet, ward and province is often 70-110
PERSON_MOST = 80  # a contact's name, with a title or role
PHONE_MOST = 40  # two numbers: "0255 3800 000 / 0905 000 000"
DAY_MINUTES = 24 * 60  # travel time to the next stop of the same day
PLACE_KEYS = ("product", "showroom", "place")
TRIPS_FOLDER = "trips"


class TripKind(StrEnum):
    famtrip = "famtrip"
    presstrip = "presstrip"


NameText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_MOST)]
PassageText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PASSAGE_MOST)]
AddressText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=ADDRESS_MOST)]
PersonText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PERSON_MOST)]
PhoneText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=PHONE_MOST)]


class Name(_Strict):
    """A name in both languages, printed whole in the guide."""

    vi: NameText = Field(description=f"Vietnamese, at most {NAME_MOST} characters.")
    en: NameText = Field(description=f"English, at most {NAME_MOST} characters.")


class Passage(_Strict):
    """A few sentences in both languages, printed whole in the guide."""

    vi: PassageText = Field(description=f"Vietnamese, at most {PASSAGE_MOST} characters.")
    en: PassageText = Field(description=f"English, at most {PASSAGE_MOST} characters.")


class Contact(_Strict):
    name: PersonText = Field(description=f"Who receives the group there (at most {PERSON_MOST} characters).")
    phone: PhoneText = Field(
        description=f'Phone number as text, e.g. "0255 3800 000" (at most {PHONE_MOST} characters).')
    illustrative: bool = Field(False, description="true when the name or phone are not the real ones.")


class Place(_Strict):
    name: Name = Field(description="Name of the showroom or place.")
    address: AddressText = Field(
        description=f"Postal address or how to find it (at most {ADDRESS_MOST} characters).")
    coordinates: Coordinates = Field(description="Where it is (inside Quảng Ngãi).")
    illustrative: bool = Field(False, description="true when the address or position is approximate.")


class Stop(_Strict):
    time: Annotated[str, StringConstraints(pattern=TIME_PATTERN)] = Field(
        description='Arrival time, 24-hour clock, e.g. "07:30".')
    product: Annotated[str, StringConstraints(pattern=SLUG_PATTERN)] | None = Field(
        None, description="Slug of the product whose production site this stop visits, e.g. ly-son-garlic.")
    showroom: Place | None = Field(None, description="An OCOP showroom (điểm giới thiệu và bán sản phẩm OCOP).")
    place: Place | None = Field(None, description="Any other place: a landmark, a harbour, a restaurant.")
    products: list[Annotated[str, StringConstraints(pattern=SLUG_PATTERN)]] = Field(
        default_factory=list, description="Products presented at a showroom or place (slugs).")
    activity: Passage = Field(description="What the visitors do there.")
    contact: Contact | None = Field(None, description="Who receives the group.")
    travel_minutes: int | None = Field(
        None, ge=0, le=DAY_MINUTES, description="Minutes to the next stop of the day; the last stop of a day has none.")
    notes: Passage | None = Field(None, description="Practical notes for the guide.")

    @field_validator("time", mode="before")
    @classmethod
    def _clock(cls, value: Any) -> Any:
        return clock(value)


class Day(_Strict):
    title: Name = Field(description="What the day is about, e.g. vi: Đảo Lý Sơn, en: Lý Sơn island.")
    stops: list[Stop] = Field(min_length=1, description="The stops, in the order of the day.")


class TripRecord(_Strict):
    """A famtrip or presstrip: content/trips/<slug>.yaml (the slug is the file name)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, title="OCOP trip itinerary")

    name: Name = Field(description="Name of the trip.")
    kind: TripKind = Field(description="famtrip (travel agencies) | presstrip (journalists).")
    summary: Passage = Field(description="One or two sentences: who the trip is for and what it shows.")
    days: list[Day] = Field(min_length=1, description="The days of the trip, in order.")


def trip_json_schema() -> str:
    """The JSON Schema text shipped as schema/trip.schema.json (stable key order)."""
    schema = TripRecord.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://ocop-stories/schema/trip.schema.json"
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def clock(value: Any) -> Any:
    """YAML 1.1 reads an unquoted 10:30 as the base-60 number 630 (07:30 stays text): give it back as text."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    return value


def read_trips(reader: ContentReader, product_files: set[str]) -> dict[str, tuple[Path, TripRecord]]:
    """Every valid trip record of content/trips/, by slug. `product_files` are the slugs of every product
    record (valid or not), so a stop naming a record with errors of its own is not reported as unknown.
    The model resolves the stops to products (model/trips.py)."""
    folder = reader.root / TRIPS_FOLDER
    trips: dict[str, tuple[Path, TripRecord]] = {}
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        slug = path.stem
        if not re.match(SLUG_PATTERN, slug):
            reader.problems.error(reader.shown(path), 1, "file name '{slug}' is not a valid slug",
                                  "rename the file using lower-case letters a-z, digits and '-', "
                                  "e.g. ly-son-famtrip.yaml", slug=slug)
            continue
        doc = reader.read_yaml(path)
        if doc is None:
            continue
        errors_before = len(reader.problems.errors)
        _check_facts(reader, path, doc, product_files)
        record = _validate(reader, path, doc)
        if record is not None and len(reader.problems.errors) == errors_before:
            trips[slug] = (path, record)
    return trips


def referenced(record: TripRecord) -> list[str]:
    """The product slugs a trip names: each stop's own product and those it presents."""
    slugs: list[str] = []
    for day in record.days:
        for stop in day.stops:
            slugs += [stop.product] if stop.product else []
            slugs += stop.products
    return slugs


def _validate(reader: ContentReader, path: Path, doc: Document) -> TripRecord | None:
    try:
        return TripRecord.model_validate(doc.data)
    except ValidationError as exc:
        errors = exc.errors()
        misspelt = set()
        for error in errors:
            if error["type"] == "extra_forbidden" and (key := suggest_key(tuple(error["loc"]), TripRecord)):
                misspelt.add((*tuple(error["loc"][:-1]), key))
        for error in errors:
            loc = tuple(error["loc"])
            if error["type"] == "missing" and loc in misspelt:
                continue  # the unknown-key error already says "did you mean"
            message, fix, values = _explain(error)
            reader.problems.error(reader.shown(path), doc.line_of(loc), message, fix, **values)
        return None


def _explain(error: dict[str, Any]) -> Explained:
    loc, kind = tuple(error["loc"]), error["type"]
    got = {"name": dotted(loc), "value": shown(error.get("input"))}
    if kind == "string_pattern_mismatch" and loc[-1] == "time":
        return ("'{name}' must be a time like \"07:30\", got {value}",
                "write hours and minutes on the 24-hour clock, in quotes, e.g. \"14:00\"", got)
    if kind == "string_pattern_mismatch" and ("product" in loc or "products" in loc):
        return ("'{name}' must be a product slug, got {value}",
                "write the file name of the product record without .yaml, e.g. ly-son-garlic", got)
    return explain(error, TripRecord)


def _check_facts(reader: ContentReader, path: Path, doc: Document, product_files: set[str]) -> None:
    """Checks across keys, on the raw data so they are reported together with schema errors: one place
    per stop, known products, coordinates, times in order, travel times."""
    days = doc.data.get("days")
    for d, day in enumerate(days if isinstance(days, list) else []):
        stops = day.get("stops") if isinstance(day, dict) else None
        stops = [stop for stop in stops if isinstance(stop, dict)] if isinstance(stops, list) else []
        for s, stop in enumerate(stops):
            _check_stop(reader, path, doc, (d, s), stop, product_files, last=s == len(stops) - 1)
        times = [(s, clock(stop.get("time"))) for s, stop in enumerate(stops)]
        known = [(s, t) for s, t in times if isinstance(t, str) and re.match(TIME_PATTERN, t)]
        for (before, earlier), (s, time) in itertools.pairwise(known):
            if time < earlier:
                reader.problems.error(reader.shown(path), doc.line_of(("days", d, "stops", s, "time")),
                                      "day {day}, stop {stop} starts at {time}, before stop {before} ({earlier})",
                                      "list the stops in the order of the day, or correct the times",
                                      day=d + 1, stop=s + 1, time=time, before=before + 1, earlier=earlier)


def _check_stop(reader: ContentReader, path: Path, doc: Document, where: tuple[int, int], stop: dict,
                product_files: set[str], last: bool) -> None:
    d, s = where
    at = ("days", d, "stops", s)
    shown_path, stop_of_day = reader.shown(path), {"day": d + 1, "stop": s + 1}
    given = [key for key in PLACE_KEYS if stop.get(key) is not None]
    if not given:
        reader.problems.error(shown_path, doc.line_of(at), "day {day}, stop {stop} needs one of 'product', 'showroom' "
                              "or 'place'", "write 'product: <slug>' for a production site, or 'showroom:' or "
                              "'place:' with name, address and coordinates", **stop_of_day)
    elif len(given) > 1:
        reader.problems.error(shown_path, doc.line_of((*at, given[1])),
                              "day {day}, stop {stop} has both '{first}' and '{second}'",
                              "a stop is one place: keep one of them, or make two stops",
                              first=given[0], second=given[1], **stop_of_day)
    references = [((*at, "product"), stop.get("product"))]
    listed = stop.get("products")
    references += [((*at, "products", i), slug) for i, slug in enumerate(listed if isinstance(listed, list) else [])]
    for key_path, slug in references:
        if isinstance(slug, str) and re.match(SLUG_PATTERN, slug) and slug not in product_files:
            suggestion = did_you_mean(slug, sorted(product_files))
            reader.problems.error(shown_path, doc.line_of(key_path),
                                  "day {day}, stop {stop}: unknown product '{slug}' (did you mean '{suggestion}'?)"
                                  if suggestion else "day {day}, stop {stop}: unknown product '{slug}'",
                                  "write '{suggestion}'" if suggestion
                                  else "write the file name of a record in products/ without .yaml, e.g. ly-son-garlic",
                                  slug=slug, suggestion=suggestion or "", **stop_of_day)

    for key in ("showroom", "place"):
        check_place(reader.problems, shown_path, doc, (*at, key))
    travel = stop.get("travel_minutes")
    if last and travel is not None:
        reader.problems.error(shown_path, doc.line_of((*at, "travel_minutes")),
                              "day {day}, stop {stop} is the last stop of the day but has 'travel_minutes'",
                              "remove it: the day ends here", **stop_of_day)
    elif not last and travel is None:
        reader.problems.error(shown_path, doc.line_of(at), "day {day}, stop {stop} has no 'travel_minutes' to the "
                              "next stop", "add 'travel_minutes:' with the minutes it takes to reach stop {next}",
                              next=s + 2, **stop_of_day)
