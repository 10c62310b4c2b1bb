"""Turn schema validation errors into messages an editor can act on: what is wrong, how to fix it."""

from __future__ import annotations

import calendar
import difflib
import re
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ocop_site.problems import Term, phrase

LANGUAGE_NAMES = {"vi": Term("Vietnamese"), "en": Term("English")}
README_REF = Term("see README.md, 'Content reference'")
_DATE_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
Explained = tuple[str, str, dict[str, object]]  # message and Fix templates, the values they show


def dotted(loc: tuple[str | int, ...]) -> str:
    """('images', 0, 'alt', 'en') → 'images[1].alt.en' (items counted from 1, as editors count)."""
    text = ""
    for part in loc:
        text += f"[{part + 1}]" if isinstance(part, int) else ("." if text else "") + part
    return text


def shown(value: Any) -> str:
    if isinstance(value, str):
        return f"'{value}'"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return Term("a group of keys")
    if isinstance(value, list):
        return Term("a list")
    if value is None:
        return Term("nothing")
    return str(value)


def _number(bound: object) -> object:
    """A bound of the schema as an editor writes it: 0, not 0.0."""
    return int(bound) if isinstance(bound, float) and bound.is_integer() else bound


def did_you_mean(word: str, choices: typing.Iterable[str]) -> str | None:
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return match[0] if match else None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel] | None:
    """The model class that owns the last key of `loc` (None if the path leaves the models)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


def _enum_choices(model: type[BaseModel], name: str) -> list[str]:
    annotation = model.model_fields[name].annotation
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return [member.value for member in candidate]
    return []


def suggest_key(loc: tuple[str | int, ...], root: type[BaseModel]) -> str | None:
    """The known key closest to the unknown key at `loc`."""
    model = _model_at(root, loc)
    return did_you_mean(str(loc[-1]), model.model_fields) if model else None


def explain(error: dict[str, Any], root: type[BaseModel]) -> Explained:
    """(message, fix, values) for one pydantic error."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = dotted(loc)
    value = error.get("input")
    leaf = loc[-1] if loc else ""
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    got = {"name": name, "value": shown(value), "leaf": leaf}

    if len(loc) >= 3 and loc[0] == "images" and loc[-2] == "alt" and kind in ("missing", "string_too_short"):
        return ("image {n} has no alt text in {language}",
                "describe what the photo shows for people who cannot see it: add '{leaf}:' under 'alt:'",
                {"n": loc[1] + 1, "language": LANGUAGE_NAMES[str(leaf)], "leaf": leaf})
    if len(loc) >= 3 and loc[0] in ("where_to_buy", "showrooms") and loc[2] in ("name", "hours"):
        what = Term("where to buy") if loc[0] == "where_to_buy" else Term("showroom")
        place = {"what": what, "n": loc[1] + 1, "key": loc[2], "value": shown(value), "leaf": leaf}
        if len(loc) == 3 and kind in ("model_type", "dict_type", "model_attributes_type"):
            return ("{what} {n}: '{key}' must be in Vietnamese and English, got {value}",
                    "write it on two lines under '{key}:', 'vi: …' and 'en: …'", place)
        if len(loc) == 4 and kind in ("missing", "string_too_short"):
            return ("{what} {n} has no {key} in {language}", "add '{leaf}:' under '{key}:'",
                    {**place, "language": LANGUAGE_NAMES[str(leaf)]})
    if kind == "string_pattern_mismatch" and leaf == "phone":
        return ("'{name}' is not a Vietnamese phone number: {value}",
                'write it like "0255 3822 111" or "+84 255 3822 111"', got)
    if kind == "missing":
        if parent:
            return ("missing required field '{name}'", "add '{leaf}:' under '{parent}:' ({readme})",
                    {**got, "parent": parent, "readme": README_REF})
        return ("missing required field '{name}'", "add '{leaf}:' at the top level ({readme})",
                {**got, "readme": README_REF})
    if kind == "extra_forbidden":
        model = _model_at(root, loc)
        suggestion = suggest_key(loc, root)
        if suggestion:
            return ("unknown key '{name}' (did you mean '{suggestion}'?)", "rename it to '{suggestion}', or remove it",
                    {**got, "suggestion": suggestion})
        allowed = ", ".join(model.model_fields) if model else ""
        return "unknown key '{name}'", "remove it; the keys allowed here are: {allowed}", {**got, "allowed": allowed}
    if leaf == "stars" and kind in ("less_than_equal", "greater_than_equal"):
        return ("'stars' must be 3, 4 or 5, got {value}",
                "OCOP ratings run from 3 to 5 stars (5 stars is the national level)", got)
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return "'{name}' must be a whole number, got {value}", "write digits only, e.g. 4", got
    if kind in ("float_parsing", "float_type"):
        return "'{name}' must be a number, got {value}", "write a decimal number, e.g. 15.3806", got
    if kind == "kiosk_seconds":  # site.yaml's kiosk timings (records.py)
        return "'{name}': must be 10 to 3600 seconds, got {seconds}", "{readme}", \
            {**got, "seconds": error["ctx"]["seconds"], "readme": README_REF}
    if kind == "date_range":
        return ("'{name}' is {date}, outside the years {first}-{last}",
                "check the year; write dates as YYYY-MM-DD, e.g. 2024-05-12",
                {**got, "date": value, "first": error["ctx"]["first"], "last": error["ctx"]["last"]})
    if kind.startswith("date_") and isinstance(value, str) and (shape := _DATE_SHAPE.fullmatch(value.strip())):
        # written as a date, but not in the calendar (2024-02-30): the way it is written is not the problem
        year, month, day = (int(part) for part in shape.groups())
        parts = {**got, "year": year, "month": month, "day": day}
        if not 1 <= month <= 12:
            return ("'{name}' is not a valid date: {value} has no month {month}",
                    "check the month: dates are written year-month-day, so {month} is read as the month", parts)
        days = calendar.monthrange(year, month)[1]
        return ("'{name}' is not a valid date: month {month} of {year} has {days} days, so there is no day {day}",
                "check the day and the month: dates are written year-month-day", {**parts, "days": days})
    if kind.startswith("date_"):
        return "'{name}' is not a valid date: {value}", "write dates as YYYY-MM-DD, e.g. 2024-05-12", got
    if kind == "enum":
        model = _model_at(root, loc)
        choices = _enum_choices(model, str(leaf)) if model else []
        suggestion = did_you_mean(str(value), choices) if isinstance(value, str) else None
        values = {**got, "choices": ", ".join(choices), "suggestion": suggestion or ""}
        if suggestion:
            return ("'{name}' must be one of {choices}; got {value} (did you mean '{suggestion}'?)",
                    "write '{suggestion}'", values)
        return "'{name}' must be one of {choices}; got {value}", "write one of: {choices}", values
    if kind in ("bool_parsing", "bool_type"):
        return "'{name}' must be true or false, got {value}", "write true or false", got
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return ("'{name}' must be a group of keys, got {value}",
                "put its keys on the lines below '{leaf}:', indented ({readme})", {**got, "readme": README_REF})
    if kind == "list_type":
        return "'{name}' must be a list, got {value}", "write each item on its own line starting with '- '", got
    if kind == "string_type":
        return "'{name}' must be text, got {value}", "write the text after the colon; quote it if in doubt", got
    if kind == "string_too_short":
        return "'{name}' is empty", "write a value, or remove the key if it is optional", got
    if kind == "too_short" and leaf == "images":
        return "'images' needs at least one photo", "add the hero photo as the first item of 'images:'", got
    if kind == "string_pattern_mismatch" and leaf == "code":
        return ("'code' must be 2 to 16 upper-case letters, digits or '-', got {value}",
                "write it like LS-TOI; the code is printed on packaging, so choose it once and keep it", got)
    if kind == "string_pattern_mismatch" and leaf == "url":
        return "'{name}' must be a web address, got {value}", "write the full address starting with https://", got
    if kind == "greater_than_equal":
        least = error.get("ctx", {}).get("ge", 0)
        if least == 0:
            return "'{name}' must not be negative, got {value}", "write 0 or more", got
        return "'{name}' must be {least} or more, got {value}", "write {least} or more", {**got, "least": least}
    ctx = error.get("ctx") or {}
    if kind == "greater_than":
        return "'{name}' must be more than {least}, got {value}", "write a number above {least}", \
            {**got, "least": _number(ctx.get("gt", 0))}
    if kind == "less_than_equal":
        return "'{name}' must be {most} or less, got {value}", "write {most} or less", \
            {**got, "most": _number(ctx.get("le"))}
    if kind == "less_than":
        return "'{name}' must be less than {most}, got {value}", "write a number below {most}", \
            {**got, "most": _number(ctx.get("lt"))}
    if kind == "too_short":
        return ("'{name}' has too few items: at least {least}", "add them, each on its own line starting with '- '",
                {**got, "least": ctx.get("min_length", 1)})
    if kind == "string_too_long":  # the bounds of the texts printed whole (records.PRINTED, trips.py)
        return ("'{name}' is {length} characters long; the printed pieces have room for {most}",
                "shorten it to {most} characters or fewer",
                {**got, "length": len(value.strip()) if isinstance(value, str) else "?",
                 "most": ctx.get("max_length")})
    if kind == "too_long":
        return "'{name}' is too long: at most {most}", "shorten it", {**got, "most": ctx.get("max_length")}
    # pydantic's own words for a rare case: in English as they are; in Vietnamese after a phrase that says so
    # (a pattern that is not met, say for an e-mail address, in the editor's language too)
    detail = phrase("String should match pattern '{pattern}'", pattern=ctx["pattern"]) \
        if kind == "string_pattern_mismatch" and "pattern" in ctx else error["msg"]
    return "'{name}': {detail}", "{readme}", {**got, "detail": detail, "readme": README_REF}
