"""Product stories: Markdown with a lead paragraph and fixed level-2 sections per language.

Stories are editor-written text, never markup: they are parsed as CommonMark and the rendered HTML is
sanitised against an allow-list (story_markup.py). Raw HTML shows as text, links may only use web,
mail or phone addresses, and every construct refused is reported with its line.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

from markdown_it.token import Token

from ocop_site.content import story_markup
from ocop_site.content.messages import did_you_mean
from ocop_site.content.story_markup import Passage
from ocop_site.content.yaml_source import nfc
from ocop_site.i18n import LANGUAGES as LANGUAGES  # re-exported: the editor imports it from here
from ocop_site.problems import Count, Problems

# section key → heading per language; the order is the reading order
SECTIONS: dict[str, dict[str, str]] = {
    "origin": {"vi": "Nguồn gốc", "en": "Origin"},
    "process": {"vi": "Quy trình sản xuất", "en": "Production process"},
    "culture": {"vi": "Dấu ấn văn hóa", "en": "Cultural imprint"},
    "community": {"vi": "Lợi ích cộng đồng", "en": "Community benefit"},
}
REQUIRED_SECTIONS = ("origin", "process", "culture")
LEAD = "lead"  # the key of the text before the first section in Story.passages
MAX_CHARACTERS = 50_000  # about 8,000 words, ten times a long story: bounds the parser's time on hostile input


@dataclass
class Story:
    language: str
    path: str
    lead: str = ""  # the story's Markdown before its first section, as written
    sections: dict[str, str] = field(default_factory=dict)  # key → the section's Markdown, as written
    source: str = field(default="", repr=False)  # the whole story as parsed (NFC, invisible characters removed)
    spans: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)  # (key, first token, end) per part

    def heading(self, key: str) -> str:
        return SECTIONS[key][self.language]

    @cached_property
    def passages(self) -> dict[str, Passage]:
        """LEAD and each section key → the part rendered and sanitised. Made when first asked for, by
        parsing the source again: `validate` needs no HTML, and keeping every story's tokens would cost
        more memory than the second parse costs time."""
        tokens, _ = story_markup.parse(self.source)
        print_tokens, _ = story_markup.parse(self.source, typographer=True)
        return {key: story_markup.passage(_without_titles(tokens[first:end]), _without_titles(print_tokens[first:end]))
                for key, first, end in self.spans}

    def forget_passages(self) -> None:
        """Let the rendered passages go (made again when next asked for): the pages hold them only while they
        are generated, and at 5,000 products they are ≈ 0.3 GB of the build's memory while search indexes."""
        self.__dict__.pop("passages", None)

    @property
    def word_count(self) -> int:
        return len((self.lead + " " + " ".join(self.sections.values())).split())


def parse_story(text: str, language: str, path: str, problems: Problems, complete: bool = True) -> Story:
    """Parse a story into lead and sections, reporting structure and content problems against `path`.

    `complete=False` (a draft) lets required sections be missing or empty."""
    if len(text) > MAX_CHARACTERS:
        problems.error(path, 1, "the story is {length} characters long; a story has at most {limit}",
                       "shorten it: the brochure prints about 1,000 words, the page is read on a phone",
                       length=Count(len(text)), limit=Count(MAX_CHARACTERS))
        return Story(language=language, path=path)
    text, invisible = story_markup.strip_invisible(nfc(text))
    story = Story(language=language, path=path, source=text)
    tokens, env = story_markup.parse(text)
    spans: list[tuple[str, int, int]] = []
    lines = text.split("\n")
    _report(invisible + story_markup.findings(tokens, env, lines), path, problems)
    headings = {SECTIONS[key][language].casefold(): key for key in SECTIONS}
    parts: list[tuple[str, int, int]] = []  # (key, first token, first line) of each part after the lead
    heading_lines: dict[str, int] = {}
    for index, token in enumerate(tokens):
        if token.type != "heading_open" or token.tag not in ("h1", "h2"):
            continue
        number = token.map[0] + 1 if token.map else 1
        if token.tag == "h1":
            problems.error(
                path, number, "a story has no '#' title: the page title is the product name",
                "remove this line, or make it a section heading with '## '",
            )
            continue  # a nested or top-level title is left out of the output below
        title = tokens[index + 1].content.strip()
        if token.level != 0:
            problems.error(path, number, "section heading '## {title}' is inside a list or a quote",
                           "start the heading's line with '## ', at the left margin", title=title)
            continue
        key = headings.get(title.casefold())
        if key is None:
            _unknown_section(title, language, path, number, problems)
            key = "__unknown__"
        elif key in heading_lines:
            problems.error(path, number, "section '## {title}' appears twice", "merge the two sections into one",
                           title=title)
            key = "__unknown__"
        else:
            heading_lines[key] = number
        parts.append((key, index, number))
    for key in REQUIRED_SECTIONS if complete else ():
        if key not in heading_lines:
            names = ", ".join(f"'## {SECTIONS[k][language]}'" for k in REQUIRED_SECTIONS)
            problems.error(path, 1, "missing required section '## {section}'",
                           "add the heading and its text; required sections, in order: {names}",
                           section=SECTIONS[key][language], names=names)
    bounds = [(LEAD, 0, 0), *parts, ("", len(tokens), len(lines) + 1)]
    for (key, first, line), (_, end, next_line) in itertools.pairwise(bounds):
        if key == "__unknown__":
            continue
        body_start = first if key == LEAD else first + 3  # after heading_open, inline, heading_close
        body_line = 1 if key == LEAD else (tokens[first].map[1] + 1 if tokens[first].map else line + 1)
        markdown = "\n".join(lines[body_line - 1:next_line - 1]).strip()
        if key == LEAD:
            story.lead = markdown
        elif markdown:
            story.sections[key] = markdown
        elif key in REQUIRED_SECTIONS and complete:
            problems.error(path, heading_lines[key], "section '## {section}' is empty",
                           "write the section's text below its heading", section=SECTIONS[key][language])
        if markdown:  # an empty optional section is left out
            spans.append((key, body_start, end))
    story.spans = tuple(spans)
    return story


def _without_titles(tokens: list[Token]) -> list[Token]:
    """The tokens without top-level '#' titles (each an error already)."""
    kept, skip = [], 0
    for token in tokens:
        if token.type == "heading_open" and token.tag == "h1" and token.level == 0:
            skip = 3
        if skip:
            skip -= 1
            continue
        kept.append(token)
    return kept


def _readable(address: str) -> str:
    """The address as the editor wrote it (đ, not %C4%91), unless decoding would show a control character."""
    decoded = unquote(address)
    return address if any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in decoded) else decoded


def _report(found: list[story_markup.Finding], path: str, problems: Problems) -> None:
    raw_html = [finding.line for finding in found if finding.kind == "html"]
    if raw_html:
        problems.warn(path, min(raw_html), "raw HTML in a story is shown as text, not as markup",
                      "write plain Markdown: **bold**, *italic*, [link](https://...), lists")
    for finding in found:
        if finding.kind == "link":
            problems.error(path, finding.line, "link to '{link}' is not allowed in a story",
                           "links must start with https://, http://, mailto: or tel:",
                           link=_readable(finding.detail))
        elif finding.kind == "image":
            problems.error(path, finding.line, "a story cannot show pictures ('{detail}')",
                           "put the photo in the product's media folder and list it under 'images:' in the "
                           "record; the page shows it in the gallery", detail=finding.detail)
        elif finding.kind == "fence":
            problems.error(path, finding.line, "the code block opened here with '{detail}' is never closed, "
                           "so the rest of the story is shown as code",
                           "end the code block with a line of '{detail}', or remove this line", detail=finding.detail)
        elif finding.kind == "nesting":
            problems.error(path, finding.line, "quotes and lists are nested too deeply here",
                           "nest quotes ('>') and lists at most a few levels deep")
        elif finding.kind == "invisible":
            problems.warn(path, finding.line, "invisible character {char} removed",
                          "delete it: it was probably pasted with the text, and can hide or reorder what "
                          "readers see", char=finding.detail)


def _unknown_section(title: str, language: str, path: str, line: int, problems: Problems) -> None:
    names = [SECTIONS[key][language] for key in SECTIONS]
    suggestion = did_you_mean(title, names)
    other = "en" if language == "vi" else "vi"
    wrong_language = next((k for k in SECTIONS if SECTIONS[k][other].casefold() == title.casefold()), None)
    if wrong_language:
        suggestion = SECTIONS[wrong_language][language]
    problems.error(path, line, "unknown section '## {title}' (did you mean '## {suggestion}'?)" if suggestion
                   else "unknown section '## {title}'", "section headings are: {names}", title=title,
                   suggestion=suggestion or "", names=", ".join(f"'## {n}'" for n in names))
