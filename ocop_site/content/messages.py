"""Turn schema validation errors into messages an editor can act on: what is wrong, how to fix it."""

from __future__ import annotations

import difflib
import typing
from enum import Enum
from typing import Any

from pydantic import BaseModel

LANGUAGE_NAMES = {"vi": "Vietnamese", "en": "English"}
README_REF = "see README.md, 'Content reference'"


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
        return "a group of keys"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    return str(value)


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


def explain(error: dict[str, Any], root: type[BaseModel]) -> tuple[str, str]:
    """(message, fix) for one pydantic error."""
    loc = tuple(error["loc"])
    kind = error["type"]
    name = dotted(loc)
    value = error.get("input")
    leaf = loc[-1] if loc else ""
    parent = next((p for p in reversed(loc[:-1]) if isinstance(p, str)), None)
    where = f"under '{parent}:'" if parent else "at the top level"

    if len(loc) >= 3 and loc[0] == "images" and loc[-2] == "alt" and kind in ("missing", "string_too_short"):
        language = LANGUAGE_NAMES[str(leaf)]
        return (
            f"image {loc[1] + 1} has no alt text in {language}",
            f"describe what the photo shows for people who cannot see it: add '{leaf}:' under 'alt:'",
        )
    if len(loc) >= 3 and loc[0] in ("where_to_buy", "showrooms") and loc[2] in ("name", "hours"):
        what = "where to buy" if loc[0] == "where_to_buy" else "showroom"
        if len(loc) == 3 and kind in ("model_type", "dict_type", "model_attributes_type"):
            return (f"{what} {loc[1] + 1}: '{loc[2]}' must be in Vietnamese and English, got {shown(value)}",
                    f"write it on two lines under '{loc[2]}:', 'vi: …' and 'en: …'")
        if len(loc) == 4 and kind in ("missing", "string_too_short"):
            return (f"{what} {loc[1] + 1} has no {loc[2]} in {LANGUAGE_NAMES[str(leaf)]}",
                    f"add '{leaf}:' under '{loc[2]}:'")
    if kind == "string_pattern_mismatch" and leaf == "phone":
        return (f"'{name}' is not a Vietnamese phone number: {shown(value)}",
                'write it like "0255 3822 111" or "+84 255 3822 111"')
    if kind == "missing":
        return f"missing required field '{name}'", f"add '{leaf}:' {where} ({README_REF})"
    if kind == "extra_forbidden":
        model = _model_at(root, loc)
        suggestion = suggest_key(loc, root)
        if suggestion:
            return (
                f"unknown key '{name}' (did you mean '{suggestion}'?)",
                f"rename it to '{suggestion}', or remove it",
            )
        allowed = ", ".join(model.model_fields) if model else ""
        return f"unknown key '{name}'", f"remove it; the keys allowed here are: {allowed}"
    if leaf == "stars" and kind in ("less_than_equal", "greater_than_equal"):
        return (
            f"'stars' must be 3, 4 or 5, got {shown(value)}",
            "OCOP ratings run from 3 to 5 stars (5 stars is the national level)",
        )
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"'{name}' must be a whole number, got {shown(value)}", "write digits only, e.g. 4"
    if kind in ("float_parsing", "float_type"):
        return f"'{name}' must be a number, got {shown(value)}", "write a decimal number, e.g. 15.3806"
    if kind == "date_range":
        first, last = error["ctx"]["first"], error["ctx"]["last"]
        return (f"'{name}' is {value}, outside the years {first}-{last}",
                "check the year; write dates as YYYY-MM-DD, e.g. 2024-05-12")
    if kind.startswith("date_"):
        return f"'{name}' is not a valid date: {shown(value)}", "write dates as YYYY-MM-DD, e.g. 2024-05-12"
    if kind == "enum":
        model = _model_at(root, loc)
        choices = _enum_choices(model, str(leaf)) if model else []
        suggestion = did_you_mean(str(value), choices) if isinstance(value, str) else None
        message = f"'{name}' must be one of {', '.join(choices)}; got {shown(value)}"
        if suggestion:
            return message + f" (did you mean '{suggestion}'?)", f"write '{suggestion}'"
        return message, f"write one of: {', '.join(choices)}"
    if kind in ("bool_parsing", "bool_type"):
        return f"'{name}' must be true or false, got {shown(value)}", "write true or false"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"'{name}' must be a group of keys, got {shown(value)}",
            f"put its keys on the lines below '{leaf}:', indented ({README_REF})",
        )
    if kind == "list_type":
        return f"'{name}' must be a list, got {shown(value)}", "write each item on its own line starting with '- '"
    if kind == "string_type":
        return f"'{name}' must be text, got {shown(value)}", "write the text after the colon; quote it if in doubt"
    if kind == "string_too_short":
        return f"'{name}' is empty", "write a value, or remove the key if it is optional"
    if kind == "too_short" and leaf == "images":
        return "'images' needs at least one photo", "add the hero photo as the first item of 'images:'"
    if kind == "string_pattern_mismatch" and leaf == "code":
        return (
            f"'code' must be 2 to 16 upper-case letters, digits or '-', got {shown(value)}",
            "write it like LS-TOI; the code is printed on packaging, so choose it once and keep it",
        )
    if kind == "string_pattern_mismatch" and leaf == "url":
        return f"'{name}' must be a web address, got {shown(value)}", "write the full address starting with https://"
    if kind == "greater_than_equal":
        least = error.get("ctx", {}).get("ge", 0)
        if least == 0:
            return f"'{name}' must not be negative, got {shown(value)}", "write 0 or more"
        return f"'{name}' must be {least} or more, got {shown(value)}", f"write {least} or more"
    return f"'{name}': {error['msg']}", README_REF
