"""Numbers written without quotes in text fields, quoted before the form reads them.

`phone: 0905123456` is text to `validate` (PyYAML reads digits with a leading zero that are not an
octal number as a string) but a number to the form's YAML reader, which shows 905123456 and saves it
back as a number, which `validate` then refuses. A phone number, a QR code or a decision number is
text whatever its digits, so the editor quotes such a value before the form reads the file: the form
shows "0905123456" and saves it quoted. The file on disk changes only when the editor saves it.
"""

from __future__ import annotations

import re
from typing import Any

import yaml
from pydantic import BaseModel

NUMBER_LIKE = re.compile(r"[-+]?[0-9][0-9._:eExXoO+-]*")  # what a YAML reader may turn into a number


def quoted_text_values(text: str, model: type[BaseModel]) -> str:
    """`text` with every unquoted number-like value of a text field of `model` put in single quotes;
    `text` unchanged when it is no YAML the loader reads."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # its marks count characters
    except Exception:  # the loader reports it; the form shows the file as it is
        return text
    schema = model.model_json_schema()
    spans: list[tuple[int, int]] = []
    if root is not None:
        _collect(root, schema, schema.get("$defs", {}), spans)
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + "'" + text[start:end] + "'" + text[end:]
    return text


def _collect(node: yaml.Node, kind: dict[str, Any], defs: dict[str, Any], spans: list[tuple[int, int]]) -> None:
    kind = _resolve(kind, defs)
    if isinstance(node, yaml.MappingNode):
        properties = kind.get("properties", {})
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in properties:
                _collect(value, properties[key.value], defs, spans)
    elif isinstance(node, yaml.SequenceNode) and "items" in kind:
        for item in node.value:
            _collect(item, kind["items"], defs, spans)
    elif isinstance(node, yaml.ScalarNode) and node.style is None and kind.get("type") == "string" \
            and "format" not in kind and NUMBER_LIKE.fullmatch(node.value) \
            and node.start_mark.line == node.end_mark.line:
        spans.append((node.start_mark.index, node.end_mark.index))


def _resolve(kind: dict[str, Any], defs: dict[str, Any]) -> dict[str, Any]:
    """Follow `$ref`, and take the one non-null choice of an optional value."""
    if "anyOf" in kind:
        choices = [choice for choice in kind["anyOf"] if choice.get("type") != "null"]
        if len(choices) == 1:
            kind = {**kind, **choices[0]}
            kind.pop("anyOf", None)
    if "$ref" in kind:
        return _resolve(defs[kind["$ref"].rsplit("/", 1)[-1]], defs)
    return kind
