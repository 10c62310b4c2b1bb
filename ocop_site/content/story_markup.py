"""Story Markdown → HTML that is data, never markup.

Parsing: markdown-it-py with its CommonMark preset. CommonMark is a specification with a test suite,
so an escaped backtick, an indented or unclosed fence, or a link split across lines means what every
CommonMark reader says it means, not what a line pattern guesses; and its block tokens carry source
line maps, so every finding names the story's line. Raw HTML is parsed (to find it and its line) but
rendered as the text it is.

Sanitising: the rendered HTML then goes through nh3 (the Ammonia sanitiser) with an allow-list of
elements, attributes and URL schemes. Whatever a renderer rule might let through by mistake, nothing
outside ALLOWED_TAGS, ALLOWED_ATTRIBUTES and URL_SCHEMES reaches a page, a kiosk or a PDF.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

ALLOWED_TAGS = frozenset({"p", "h3", "h4", "h5", "h6", "strong", "em", "a", "ul", "ol", "li", "blockquote",
                          "code", "pre", "br", "hr"})
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
LINK_REL = "noopener noreferrer"  # nh3 puts it on every link
_SAFE_URL = re.compile(r"^(https?://|mailto:|tel:)", re.IGNORECASE)

# Characters no story needs and that can hide or reorder text (Trojan Source): C0 and C1 controls but
# tab and line ends, DEL, and the bidirectional marks, embeddings, overrides and isolates.
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_BOM = "\ufeff"
DEEPEST = 16  # token nesting level (quotes, lists and their items) reported as too deep: the parser stops at 20

# The kinds of a passage's top-level blocks (Passage.blocks). CommonMark has no tables: a Markdown table is
# a paragraph of pipes to the parser, told apart here by its delimiter row ("|---|---|") so that it is never
# taken for running text (an excerpt, a pull quote, a press description).
PARAGRAPH, LIST, TABLE, QUOTE, CODE, HEADING, OTHER = "paragraph", "list", "table", "quote", "code", "heading", "other"
_KINDS = {"paragraph_open": PARAGRAPH, "bullet_list_open": LIST, "ordered_list_open": LIST,
          "blockquote_open": QUOTE, "fence": CODE, "code_block": CODE, "heading_open": HEADING}
_TABLE_DELIMITER_ROW = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, in the story file
    kind: str  # "link", "image", "html" or "invisible"
    detail: str  # the URL, or the character's name


@dataclass(frozen=True)
class Passage:
    """The lead or one section of a story, rendered for each place it is shown."""

    html: str  # sanitised HTML for the site
    print_html: str  # the same with typographic quotes and dashes, for paper
    kiosk_html: str  # links as plain text, headings one level down (the kiosk never leaves itself)
    blocks: tuple[tuple[str, str], ...]  # each top-level block: (its kind, PARAGRAPH, LIST…; its plain text)
    print_blocks: tuple[tuple[str, str], ...]  # the same, with typographic quotes and dashes

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.blocks if kind == PARAGRAPH and text]

    @property
    def print_paragraphs(self) -> list[str]:
        """The paragraphs of running text, for paper (no list, table, quote, code or heading)."""
        return [text for kind, text in self.print_blocks if kind == PARAGRAPH and text]


def is_safe_url(url: str) -> bool:
    return bool(_SAFE_URL.match(url))


def strip_invisible(text: str) -> tuple[str, list[Finding]]:
    """The text without a byte-order mark and without invisible control characters; a finding for the
    first such character of each line."""
    text = text.replace(_BOM, "")
    findings = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = _INVISIBLE.search(line)
        if found:
            char = found.group(0)
            name = unicodedata.name(char, "control character")
            findings.append(Finding(number, "invisible", f"U+{ord(char):04X} ({name})"))
    return _INVISIBLE.sub("", text), findings


def parse(text: str, typographer: bool = False) -> tuple[list[Token], dict]:
    """Block tokens of a whole story (with line maps) and the parser's env (reference definitions)."""
    env: dict = {}
    tokens = _parser(typographer).parse(text, env)
    for token in tokens:
        if token.type == "inline" and token.children:
            _neutralize_links(token.children)
    return tokens, env


def findings(tokens: Sequence[Token], env: dict, lines: Sequence[str]) -> list[Finding]:
    """Every construct a story may not contain, with its line: links that are not web, mail or phone
    addresses (inline, autolinks and reference definitions), pictures, raw HTML, a code fence never
    closed (it swallows the rest of the story, headings included), and quotes or lists nested so deep
    that the parser would drop their text."""
    found: list[Finding] = []
    deep = next((token for token in tokens if token.level >= DEEPEST and token.map), None)
    if deep is not None and deep.map:  # past the parser's limit, text would be dropped without a word
        found.append(Finding(deep.map[0] + 1, "nesting", str(DEEPEST)))
    bad_references = set()
    for reference in env.get("references", {}).values():
        if not is_safe_url(reference["href"]):
            bad_references.add(reference["href"])
            found.append(Finding(reference["map"][0] + 1, "link", reference["href"]))
    for token in tokens:
        if token.type == "html_block" and token.map:
            found.append(Finding(token.map[0] + 1, "html", token.content))
        if token.type == "fence" and token.level == 0 and token.map and not _closed(token, lines):
            found.append(Finding(token.map[0] + 1, "fence", token.markup))
        if token.type != "inline" or not token.map:
            continue
        line = token.map[0] + 1
        for child in token.children or []:
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "link_open" and child.meta.get("refused") is not None:
                href = child.meta["refused"]
                if href not in bad_references:  # reported where it is defined
                    found.append(Finding(line, "link", href))
            elif child.type == "image":
                found.append(Finding(line, "image", str(child.attrs.get("src", ""))))
            elif child.type == "html_inline":
                found.append(Finding(line, "html", child.content))
    return found


def _closed(fence: Token, lines: Sequence[str]) -> bool:
    """Whether a top-level fence's last line closes it (CommonMark: the opening character, at least as many
    times, nothing else but spaces); one never closed runs to the end of the story. (A fence left open
    inside a quote or a list item ends with it, and swallows nothing else.)"""
    first, end = fence.map or (0, 0)
    if end - 1 <= first or end > len(lines):
        return False
    line = lines[end - 1]
    marker = line.strip()
    return len(marker) >= len(fence.markup) and set(marker) == {fence.markup[0]} and len(line) - len(line.lstrip()) < 4


def passage(tokens: Sequence[Token], print_tokens: Sequence[Token]) -> Passage:
    """Render the top-level tokens of one part of a story (and the same part parsed for print)."""
    web = _parser(False)
    return Passage(
        html=sanitise(web.renderer.render(tokens, web.options, {})),
        print_html=sanitise(_parser(True).renderer.render(print_tokens, web.options, {})),
        kiosk_html=sanitise(_kiosk().renderer.render(tokens, web.options, {})),
        blocks=tuple(_blocks(tokens)),
        print_blocks=tuple(_blocks(print_tokens)),
    )


def render_markdown(text: str) -> Passage:
    """A stand-alone piece of story Markdown, rendered as a passage (findings are not reported)."""
    clean, _ = strip_invisible(unicodedata.normalize("NFC", text))
    return passage(parse(clean)[0], parse(clean, typographer=True)[0])


def sanitise(html: str) -> str:
    """The allow-list, applied to HTML our renderer made: the last word on what reaches any output."""
    return nh3.clean(html, tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES, url_schemes=set(URL_SCHEMES),
                     attribute_filter=_attribute_filter, link_rel=LINK_REL, strip_comments=True)


def _attribute_filter(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "href" and not is_safe_url(value):
        return None  # nh3 lets relative URLs through; a story has none
    return value


def _neutralize_links(children: list[Token]) -> None:
    """A link to anything but a web, mail or phone address keeps its text and loses its link
    (links do not nest in CommonMark, so a flag pairs each closing token with its opening one)."""
    refused = False
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            refused = not is_safe_url(href)
            if refused:
                child.meta["refused"] = href
                child.tag, child.attrs = "span", {}  # a span is not allowed either: sanitise() drops it
        elif child.type == "link_close" and refused:
            child.tag, refused = "span", False


def _blocks(tokens: Sequence[Token]) -> Iterator[tuple[str, str]]:
    """(kind, plain text) for each top-level block; a list's items joined with "; "."""
    start = 0
    for index, token in enumerate(tokens):
        if token.level == 0 and token.nesting != 1:  # the end of a top-level block
            block = tokens[start:index + 1]
            kind = _KINDS.get(block[0].type, OTHER)
            if kind == PARAGRAPH and _is_table(block):
                kind = TABLE
            yield kind, _list_text(block) if kind == LIST else _text(block)
            start = index + 1


def _text(tokens: Sequence[Token]) -> str:
    return " ".join(" ".join(_plain(t) for t in tokens).split())


def _list_text(block: Sequence[Token]) -> str:
    """A list as one line: its items (sub-items too) one after another, "; " between them unless an item
    ends a sentence ("Purple cane; Lime water; Eucalyptus wood", not "Purple cane Lime water …")."""
    items: list[list[Token]] = []
    for token in block[1:-1]:
        if token.type == "list_item_open":
            items.append([])
        elif items:
            items[-1].append(token)
    texts = [text for text in (_text(item) for item in items) if text]
    joined = ""
    for text in texts:
        joined += ("" if not joined else " " if joined[-1] in ".!?…:;" else "; ") + text
    return joined


def _is_table(block: Sequence[Token]) -> bool:
    """Whether a paragraph is a Markdown (GitHub) table: a row of cells, then a delimiter row."""
    lines = next((t.content for t in block if t.type == "inline"), "").split("\n")
    return len(lines) >= 2 and "|" in lines[0] and "|" in lines[1] and "-" in lines[1] \
        and bool(_TABLE_DELIMITER_ROW.match(lines[1]))


def _plain(token: Token) -> str:
    if token.type in ("fence", "code_block", "html_block"):
        return token.content
    if token.type != "inline":
        return ""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _as_text_block(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    return "<p>" + escapeHtml(tokens[idx].content.rstrip("\n")) + "</p>\n"


def _as_text(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    return escapeHtml(tokens[idx].content)


def _image_as_alt(self, tokens: Sequence[Token], idx: int, options, env) -> str:
    return escapeHtml(tokens[idx].content)  # a picture in a story is an error; its alt text stands in


@functools.cache
def _parser(typographer: bool) -> MarkdownIt:
    """CommonMark, raw HTML recognised (so it can be reported) but rendered as text."""
    md = MarkdownIt("commonmark", {"html": True, "typographer": typographer})
    if typographer:
        md.enable(["replacements", "smartquotes"])
    md.validateLink = lambda url: True  # every link is parsed, then checked here: a refused one is reported
    md.add_render_rule("html_block", _as_text_block)
    md.add_render_rule("html_inline", _as_text)
    md.add_render_rule("image", _image_as_alt)
    return md


@functools.cache
def _kiosk() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True})
    for rule, render in (("html_block", _as_text_block), ("html_inline", _as_text), ("image", _image_as_alt)):
        md.add_render_rule(rule, render)
    md.add_render_rule("link_open", lambda self, tokens, idx, options, env: "")
    md.add_render_rule("link_close", lambda self, tokens, idx, options, env: "")
    md.add_render_rule("heading_open", lambda self, tokens, idx, options, env: f"<{_shifted(tokens[idx].tag)}>")
    md.add_render_rule("heading_close", lambda self, tokens, idx, options, env: f"</{_shifted(tokens[idx].tag)}>\n")
    return md


def _shifted(tag: str) -> str:
    """The kiosk's section headings are h3: a story's '###' becomes h4."""
    return f"h{min(6, int(tag[1]) + 1)}"
