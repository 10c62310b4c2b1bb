"""The part of a stylesheet a page can use (issue 16: a product page loads only the CSS it uses).

Material's main.css (about 135 KB, 23 KB gzip) is render-blocking on every page, and a product
page uses a quarter of it. `subset` keeps the rules whose selectors can match the page, in the
manner of PurgeCSS: a selector is kept when every class, id, element and attribute name it needs
occurs in the page (or in a script that may add it); combinators and states (:hover, ::before) are
not evaluated, so the subset errs on the side of keeping a rule. Custom properties that nothing
reads any more are dropped too (most of main.css's :root blocks are icon variables).

Parsing is tinycss2's, the CSS parser WeasyPrint is built on. Parsing Material's stylesheet and cutting
it costs each MkDocs process 0.3–0.5 CPU-s; given a folder (`keep`), the results are kept there and read
back by the next process (a story edit's MkDocs run, the next build), checked against their digest.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import tinycss2

from ocop_site.disk import remove_temporaries, write_atomically

_GROUPING = {"media", "supports", "layer", "container"}  # at-rules whose block holds rules
# functional pseudo-classes: one of their selectors must be possible (is, where, has) or they
# only narrow what the rest matches (not, nth-child(… of …), lang, dir, host…): ignored
_FUNCTIONAL = re.compile(r"::?([\w-]+)\(")
_ANY_OF = {"is", "where", "matches", "-webkit-any", "-moz-any", "has"}
_ATTRIBUTE = re.compile(r"\[\s*([\w-]+)[^\]]*\]")
_CLASS_OR_ID = re.compile(r"[.#](-?[^\W\d][\w-]*)")  # any letters, as HTML allows
_PSEUDO = re.compile(r"::?[\w-]+")
_ELEMENT = re.compile(r"[^\W\d][\w-]*")
_WORD = re.compile(r"[\w-]+")
_VARIABLE_USE = re.compile(r"var\(\s*(--[\w-]+)")


class _Vocabulary(HTMLParser):
    """Element names, attribute names, classes and ids of an HTML document, and every word of its
    inline scripts (Material's set attributes such as data-md-color-scheme)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self._script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.add(tag)
        self._script = tag == "script" and dict(attrs).get("type") in (None, "", "module", "text/javascript")
        for name, value in attrs:
            self.names.add(name)
            if name in ("class", "id") and value:
                self.names.update(value.split())

    def handle_endtag(self, tag: str) -> None:
        self._script = False

    def handle_data(self, data: str) -> None:
        if self._script:
            self.names.update(_WORD.findall(data))


def vocabulary(html: str, scripts: str = "") -> frozenset[str]:
    """What a selector may ask for in `html`: its names, and every word of `scripts` (the page's
    script files may add any class they spell out)."""
    parser = _Vocabulary()
    parser.feed(html)
    parser.close()
    return frozenset(parser.names | set(_WORD.findall(scripts)))


def subset(css: str, names: frozenset[str], readers: str = "", keep: Path | None = None) -> str:
    """The rules of `css` that may apply to a page with these `names`, as minified CSS; custom
    properties are kept if the subset or `readers` (the page's other CSS and HTML) read them. `keep`: a
    folder where the work is kept for later processes (see the module's docstring)."""
    read_elsewhere = frozenset(_VARIABLE_USE.findall(readers)) & _defined_variables(css)
    wanted = names & _names_kept(css, keep)
    return _kept(keep, ("subset", _digest(css), sorted(wanted), sorted(read_elsewhere)),
                 lambda: _subset(css, wanted, read_elsewhere))


@functools.lru_cache(maxsize=4)  # once per process, not once per page
def _names_kept(css: str, keep: Path | None) -> frozenset[str]:
    return frozenset(_kept(keep, ("names", _digest(css)), lambda: sorted(_selector_names(css))))


_SOURCE = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()  # kept work is this code's, no older


@functools.lru_cache(maxsize=4)
def _digest(css: str) -> str:
    return hashlib.sha256(css.encode()).hexdigest()


_known: dict[str, object] = {}  # what this process read from the folder or put there, by key


def _kept(folder: Path | None, parts: tuple, make: Callable[[], object]):
    """`make()`, or what a process before kept in `folder` for the same `parts`, with this code."""
    if folder is None:
        return make()
    key = hashlib.sha256(json.dumps([_SOURCE, *parts]).encode()).hexdigest()
    if key not in _known:
        path = folder / key[:2] / f"{key}.json"
        value = _read_kept(path)
        if value is None:
            value = make()
            entry = {"value": value, "sha256": _value_digest(value)}
            with contextlib.suppress(OSError):  # kept only to save time: a full or read-only disk costs just that
                path.parent.mkdir(parents=True, exist_ok=True)
                remove_temporaries(path.parent)  # left by a process killed while writing here
                write_atomically(path, json.dumps(entry).encode(), sync=False)
        _known[key] = value
    return _known[key]


def _value_digest(value: object) -> str:
    return hashlib.sha256(json.dumps(value).encode()).hexdigest()


def _read_kept(path: Path) -> object:
    """The value kept in `path`, or None when it is missing or not whole (damaged by hand, cut off)."""
    try:
        kept = json.loads(path.read_bytes())
        return kept["value"] if kept["sha256"] == _value_digest(kept["value"]) else None
    except (OSError, ValueError, KeyError, TypeError):
        return None


@functools.lru_cache(maxsize=64)  # most pages of a kind ask for the same names: one subset each
def _subset(css: str, names: frozenset[str], read_elsewhere: frozenset[str]) -> str:
    return _without_unread_variables("".join(_keep(_parsed(css), names)), read_elsewhere)


@functools.lru_cache(maxsize=4)
def _parsed(css: str) -> list:
    return tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)


@functools.lru_cache(maxsize=4)
def _selector_names(css: str) -> frozenset[str]:
    """Every name any selector of `css` mentions: the part of a page's vocabulary that matters,
    which keeps the cache below small when pages differ only in text, ids and such."""
    names: set[str] = set()

    def collect(rules: list) -> None:
        for rule in rules:
            if rule.type == "qualified-rule":
                prelude = tinycss2.serialize(rule.prelude)
                names.update(_ATTRIBUTE.findall(prelude), _CLASS_OR_ID.findall(prelude),
                             (word.lower() for word in _ELEMENT.findall(_CLASS_OR_ID.sub("", prelude))))
            elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
                collect(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True))

    collect(_parsed(css))
    return frozenset(names)


@functools.lru_cache(maxsize=4)
def _defined_variables(css: str) -> frozenset[str]:
    return frozenset(re.findall(r"(--[\w-]+)\s*:", css))


def _keep(rules: list, names: frozenset[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split(tinycss2.serialize(rule.prelude)) if _possible(s, names)]
            if selectors:
                kept.append(",".join(selectors) + "{" + tinycss2.serialize(rule.content).strip() + "}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = _keep(tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True), names)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword != "charset":  # @keyframes, @page, @font-face
            kept.append(tinycss2.serialize([rule]))
    return kept


def _split(selectors: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :is(…) or [a="x,y"])."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(selectors):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(selectors[start:index])
            start = index + 1
    parts.append(selectors[start:])
    return [part.strip() for part in parts if part.strip()]


def _closing(text: str, opening: int) -> int:
    depth = 0
    for index in range(opening, len(text)):
        depth += {"(": 1, ")": -1}.get(text[index], 0)
        if depth == 0:
            return index
    return len(text) - 1


def _possible(selector: str, names: frozenset[str]) -> bool:
    """Whether every name `selector` needs is among `names` (see the module's docstring)."""
    if "\\" in selector:  # an escaped character in a name: not worth reading, keep the rule
        return True
    while match := _FUNCTIONAL.search(selector):
        end = _closing(selector, match.end() - 1)
        if match.group(1).lower() in _ANY_OF and not any(
                _possible(part, names) for part in _split(selector[match.end():end])):
            return False
        selector = selector[:match.start()] + " " + selector[end + 1:]
    needed = set(_ATTRIBUTE.findall(selector))
    selector = _ATTRIBUTE.sub(" ", selector)
    needed.update(_CLASS_OR_ID.findall(selector))
    selector = _PSEUDO.sub(" ", _CLASS_OR_ID.sub(" ", selector))
    needed.update(word.lower() for word in _ELEMENT.findall(selector))
    return needed <= names


def _without_unread_variables(css: str, read_elsewhere: frozenset[str]) -> str:
    """`css` without the declarations of custom properties that neither it nor the page read."""
    while True:
        read = set(_VARIABLE_USE.findall(css)) | read_elsewhere
        pruned = "".join(_prune(tinycss2.parse_stylesheet(css, skip_whitespace=True), read))
        if pruned == css:
            return css
        css = pruned


def _prune(rules: list, read: set[str]) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            contents = tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True)
            if any(item.type != "declaration" for item in contents):  # nested rules: left as they are
                kept.append(tinycss2.serialize([rule]))
                continue
            declarations = [d for d in contents if not (d.name.startswith("--") and d.name not in read)]
            if declarations:
                body = ";".join(f"{d.name}:{tinycss2.serialize(d.value).strip()}"
                                f"{'!important' if d.important else ''}" for d in declarations)
                kept.append(f"{tinycss2.serialize(rule.prelude).strip()}{{{body}}}")
        elif rule.type == "at-rule" and rule.lower_at_keyword in _GROUPING and rule.content is not None:
            inner = _prune(tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True), read)
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return kept
