"""Where in a saved file a problem is: the field it concerns, as a path of keys (`["producer", "phone"]`,
`["where_to_buy", 1, "url"]`, `["days", 0, "stops", 2, "travel_minutes"]`), for the form to show the
problem beside that field.

A problem names its place in two ways: its line, and the keys its message quotes. The line alone is
not enough inside a list: a check about one shop points at the shop's first line and names the key it
misses ("where to buy 2 has no 'name' and no 'showroom'"), which the file may not have at all. So a key
the message names is looked for inside the mapping at the problem's line (the shop), not at the top of
the record, where a key of the same name means something else (the product's own name). Quoted words
count as keys only when they are field names of the schema and not the value written at that line
(a showroom id, a shop's name).
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

from ocop_site.content.records import ProductRecord, SiteRecord
from ocop_site.content.trips import TripRecord
from ocop_site.content.yaml_source import MAX_DEPTH
from ocop_site.problems import Problem

Key = list[str | int]
_QUOTED = re.compile(r"'([^'{}\s]+?)(?::(?: [^']*)?)?'")  # 'url', 'days[1].stops[2].time', 'name:', 'product: <slug>'
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLACEHOLDER = re.compile(r"'\{(\w+)\}'")  # a quoted value: '{name}'


def field_of(problem: Problem, text: str | None) -> Key:
    """The field of the YAML file `text` (None: not the file saved) that `problem` concerns; [] for the
    whole entry."""
    root = composed(text)
    if not isinstance(root, yaml.MappingNode):  # not a record (a list, a text): the whole entry
        return []
    at_line = _key_at_line(root, (text or "").splitlines(), problem.line, {str(value) for _, value in problem.values})
    written = _scalar_at(root, at_line)
    for named, is_value in _named_keys(problem):
        if is_value and named == written:  # the value written at the line (a showroom id 'name'), not a key
            continue
        keys = key_path(named)
        if len(keys) > 1:  # a full path, as the schema's messages write it ('where_to_buy[2].url')
            return keys
        return _within(root, at_line, named)
    return at_line


def key_path(dotted: str) -> Key:
    """'days[1].stops[2].time' → ['days', 0, 'stops', 1, 'time'] (the messages count from 1)."""
    keys: Key = []
    for part in dotted.split("."):
        name, _, index = part.partition("[")
        keys.append(name)
        if index:
            keys.append(int(index.rstrip("]")) - 1)
    return keys


def _named_keys(problem: Problem) -> list[tuple[str, bool]]:
    """The field names the message quotes, each with whether it is a value of the message: first those its
    own words quote, the one the Fix also names first (the field to change: 'remove name:'); then quoted
    values that may be keys ('{first}' and '{second}' of a stop, '{name}' of the schema's messages)."""
    fix = {match.group(1) for match in _QUOTED.finditer(problem.fix_template)}
    literal = [match.group(1) for match in _QUOTED.finditer(problem.template)]
    literal = sorted(literal, key=lambda key: key not in fix)  # stable: the message's order otherwise
    values = dict(problem.values)
    quoted = [values.get(match.group(1)) for match in _PLACEHOLDER.finditer(problem.template)
              if match.group(1) != "suggestion"]  # what to write instead: not where the problem is
    named = [(key, False) for key in literal] + [(key, True) for key in quoted if isinstance(key, str)]
    return [(key, is_value) for key, is_value in named if _is_field(key)]


def _is_field(dotted: str) -> bool:
    try:
        keys = key_path(dotted)
    except ValueError:  # 'a[b]': not a path
        return False
    return all(isinstance(key, int) or key in _field_names() for key in keys)


@functools.cache
def _field_names() -> frozenset[str]:
    """Every key a product record, a trip or site.yaml may have, at any depth."""
    names: set[str] = set()
    for model in (ProductRecord, TripRecord, SiteRecord):
        schema = model.model_json_schema()
        for part in (schema, *schema.get("$defs", {}).values()):
            names.update(part.get("properties", {}))
    return frozenset(names)


def _within(root: yaml.Node, at_line: Key, key: str) -> Key:
    """`key` in the mapping the problem's line is in: the deepest one that has the key or is an item of a
    list (a shop, a stop, a photo); the record itself if none."""
    for depth in range(len(at_line), 0, -1):
        node = _node_at(root, at_line[:depth])
        if isinstance(node, yaml.MappingNode) and (
                isinstance(at_line[depth - 1], int) or key in (k.value for k, _ in node.value)):
            return [*at_line[:depth], key]
    return [key]


@functools.lru_cache(maxsize=4)  # one save's problems are placed in the same few texts
def composed(text: str | None) -> yaml.Node | None:
    """The node tree of `text`; None when it is no YAML, or nested deeper than content files may be: PyYAML's
    composer recurses in C, and a few hundred kilobytes of brackets overflow the stack and kill the process."""
    if text is None:
        return None
    try:
        depth = 0
        for event in yaml.parse(text, Loader=_LOADER):
            depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
            if depth > MAX_DEPTH:
                return None
        return yaml.compose(text, Loader=_LOADER)
    except Exception:  # not YAML
        return None


def _node_at(root: yaml.Node, keys: Key) -> yaml.Node | None:
    node: Any = root
    for key in keys:
        if isinstance(node, yaml.MappingNode) and isinstance(key, str):
            node = next((value for k, value in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return None
    return node


def _scalar_at(root: yaml.Node, keys: Key) -> str | None:
    node = _node_at(root, keys) if keys else None
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _key_at_line(root: yaml.Node, lines: list[str], line: int, values: set[str]) -> Key:
    """The deepest key whose entry starts on `line` (1-based) or whose value spans it; [] if none. Where
    several entries of one mapping or list are on the line (`coordinates: {lat: 21.0, lon: 108.8}`,
    `products: [a, b]`), the one whose value the message shows, or else the mapping or list itself."""
    found: Key = []

    def spans(start: yaml.Mark, end: yaml.Mark) -> bool:
        # marks count from 0; an entry whose end has only indentation before it (the next item's '- ') ended above
        before = lines[end.line][:end.column] if end.line < len(lines) else ""
        return start.line + 1 <= line <= max(start.line + 1, end.line + (1 if before.strip(" -") else 0))

    def walk(node: yaml.Node, at: Key) -> None:
        nonlocal found
        if len(at) > MAX_DEPTH:  # refused by validate; no field of the form is deeper (and no deep recursion)
            return
        parts: list[tuple[str | int, yaml.Node]] = []
        if isinstance(node, yaml.MappingNode):
            parts = [(key.value, value) for key, value in node.value
                     if isinstance(key, yaml.ScalarNode) and spans(key.start_mark, value.end_mark)]
        elif isinstance(node, yaml.SequenceNode):
            parts = [(index, item) for index, item in enumerate(node.value) if spans(item.start_mark, item.end_mark)]
        if len(parts) > 1:
            shown = [part for part in parts if isinstance(part[1], yaml.ScalarNode) and part[1].value in values]
            parts = shown if len(shown) == 1 else []
        for key, value in parts:
            found = [*at, key]
            walk(value, found)

    walk(root, [])
    return found
