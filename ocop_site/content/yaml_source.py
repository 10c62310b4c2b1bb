"""YAML with line numbers: every value of a document keeps the line it was written on.

PyYAML's composer gives nodes with positions; we build plain Python values from them and
remember, for each key path, the line of the key. Duplicate keys (which PyYAML silently
overwrites) are reported, and every string is normalized to Unicode NFC.

Content files are bounded before anything is built from them: the parser's events are scanned
first, so anchors and aliases (a few hundred bytes of nested aliases expand to gigabytes) and deep
nesting are refused before the composer or our own recursion ever sees them. Keys must be plain
scalars, and text with control or bidirectional-override characters is reported.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

Path_ = tuple[str | int, ...]
_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 15× faster at 619 records
MAX_DEPTH = 20  # a trip stop's coordinates sit 6 levels deep; 5,000 levels overflowed the stack

# Characters that must not reach a page: C0/C1 controls (tab and line breaks excepted) and the
# bidirectional embeddings, overrides, isolates and marks that reorder what a reader sees.
_HIDDEN = {chr(c) for c in (*range(0x00, 0x20), *range(0x7F, 0xA0))} - set("\t\n\r")
_HIDDEN |= set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

_CONTROL_NAMES = {"\0": "NULL", "\a": "BELL", "\b": "BACKSPACE", "\x1b": "ESCAPE", "\x7f": "DELETE"}


class YamlSyntaxError(Exception):
    def __init__(self, line: int, problem: str) -> None:
        self.line = line
        self.problem = problem
        super().__init__(f"line {line}: {problem}")


class YamlLimitError(YamlSyntaxError):
    """Well-formed YAML that content files may not use (aliases, deep nesting, complex keys).

    `template` and `fix` are English templates of the message catalogue, filled in from `values`."""

    def __init__(self, line: int, template: str, fix: str, /, **values: object) -> None:
        super().__init__(line, template.format(**values))
        self.template, self.fix, self.values = template, fix, values


@dataclass
class Document:
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)
    duplicates: list[tuple[Path_, int, int]] = field(default_factory=list)  # (path, line, first line)
    # (path of the value, or of the mapping whose key it is; line; the character; in a key?)
    hidden: list[tuple[Path_, int, str, bool]] = field(default_factory=list)

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


def hidden_character(text: str) -> str | None:
    """The first control or bidirectional-override character of `text`, if any."""
    return next((char for char in text if char in _HIDDEN), None) if not text.isprintable() else None


def describe(char: str) -> str:
    """E.g. 'U+202E (RIGHT-TO-LEFT OVERRIDE)', 'U+001B (ESCAPE)'."""
    name = unicodedata.name(char, "") or _CONTROL_NAMES.get(char, "a control character")
    return f"U+{ord(char):04X} ({name})"


def parse(text: str) -> Document:
    """Parse one YAML document; raise YamlSyntaxError with a 1-based line (YamlLimitError, which has a
    fix, for what content files may not use)."""
    text = nfc(text)
    try:
        _check_events(text, _FAST)
        root = yaml.compose(text, Loader=_FAST)
    except YamlLimitError:
        raise
    except yaml.YAMLError:
        root = None  # parse again with the pure-Python parser: its messages read better
    try:
        if root is None:
            _check_events(text, yaml.SafeLoader)
            root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as exc:  # a control character YAML refuses: say which, on its line
        line = text[:exc.position].count("\n") + 1 if isinstance(exc.position, int) else 1
        char = chr(exc.character) if isinstance(exc.character, int) else str(exc.character)
        raise YamlLimitError(line, "the text contains the invisible character {char}",
                             "delete it: retype the text around it, or paste the text as plain text",
                             char=describe(char)) from None
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


def _check_events(text: str, loader: type) -> None:
    """Refuse anchors, aliases and deep nesting from the event stream, before anything is composed."""
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise YamlLimitError(line, "anchors and aliases ('&name', '*name') are not allowed in content files",
                                 "write the value out in full wherever it is needed")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise YamlLimitError(line, "the keys and lists are nested more than {depth} levels deep",
                                     "check the indentation and the brackets: records need only a few levels",
                                     depth=MAX_DEPTH)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _build(node: yaml.Node, path: Path_, doc: Document, loader: yaml.SafeLoader) -> Any:
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlLimitError(key_node.start_mark.line + 1,
                                     "a key must be a plain word, not a list or a group of keys ('? [a, b]')",
                                     "write the key as a word followed by ':', e.g. 'name:'")
            key = _scalar(key_node, loader)
            key = key if isinstance(key, str) else nfc(key_node.value)  # `no:`, `2025-01-01:`: an unknown key
            line = key_node.start_mark.line + 1
            _note_hidden(key, path, line, doc, in_key=True)
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
    value = _scalar(node, loader)
    _note_hidden(value, path, node.start_mark.line + 1, doc, in_key=False)
    return value


def _scalar(node: yaml.Node, loader: yaml.SafeLoader) -> Any:
    try:
        value = loader.construct_object(node, deep=True)
    except (ValueError, OverflowError, yaml.constructor.ConstructorError):
        value = node.value  # e.g. 2025-02-31 looks like a date but is none: let validation say so
    return nfc(value) if isinstance(value, str) else value


def _note_hidden(value: Any, path: Path_, line: int, doc: Document, in_key: bool) -> None:
    char = hidden_character(value) if isinstance(value, str) else None
    if char:
        doc.hidden.append((path, line, char, in_key))
