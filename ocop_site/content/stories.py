"""Product stories: Markdown with a lead paragraph and fixed level-2 sections per language.

Stories are editor-written text, never markup: raw HTML is escaped so it shows as text, attribute
lists (`{ onclick=... }`) are escaped, and links may only use web, mail or phone addresses.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from ocop_site.content.messages import did_you_mean
from ocop_site.content.yaml_source import nfc
from ocop_site.problems import Problems

LANGUAGES = ("vi", "en")

# section key → heading per language; the order is the reading order
SECTIONS: dict[str, dict[str, str]] = {
    "origin": {"vi": "Nguồn gốc", "en": "Origin"},
    "process": {"vi": "Quy trình sản xuất", "en": "Production process"},
    "culture": {"vi": "Dấu ấn văn hóa", "en": "Cultural imprint"},
    "community": {"vi": "Lợi ích cộng đồng", "en": "Community benefit"},
}
REQUIRED_SECTIONS = ("origin", "process", "culture")
SAFE_SCHEMES = ("http", "https", "mailto", "tel")

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(\s|$)")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_RAW_HTML = re.compile(r"<\s*/?\s*[A-Za-z!]")


@dataclass
class Story:
    language: str
    path: str
    lead: str = ""
    sections: dict[str, str] = field(default_factory=dict)  # key → safe Markdown body

    def heading(self, key: str) -> str:
        return SECTIONS[key][self.language]

    @property
    def word_count(self) -> int:
        return len((self.lead + " " + " ".join(self.sections.values())).split())


def parse_story(text: str, language: str, path: str, problems: Problems, complete: bool = True) -> Story:
    """Split a story into lead and sections, reporting structure problems against `path`.

    `complete=False` (a draft) lets required sections be missing or empty."""
    story = Story(language=language, path=path)
    headings = {SECTIONS[key][language].casefold(): key for key in SECTIONS}
    current: str | None = None
    buffers: dict[str | None, list[str]] = {None: []}
    heading_lines: dict[str, int] = {}
    in_fence = False
    raw_html_line = 0
    for number, line in enumerate(nfc(text).splitlines(), start=1):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            match = _HEADING.match(line)
            if match and len(match.group(1)) == 1:
                problems.error(
                    path, number, "a story has no '#' title: the page title is the product name",
                    "remove this line, or make it a section heading with '## '",
                )
                continue
            if match and len(match.group(1)) == 2:
                key = headings.get(match.group(2).casefold())
                if key is None:
                    _unknown_section(match.group(2), language, path, number, problems)
                    current = "__unknown__"
                elif key in buffers:
                    problems.error(path, number, f"section '## {match.group(2)}' appears twice",
                                   "merge the two sections into one")
                    current = "__unknown__"
                else:
                    current = key
                    heading_lines[key] = number
                buffers.setdefault(current, [])
                continue
            _check_links(line, path, number, problems)
            if not raw_html_line and _RAW_HTML.search(_strip_code(line)):
                raw_html_line = number
            line = _neutralize(line)
        buffers[current].append(line)
    if raw_html_line:
        problems.warn(path, raw_html_line, "raw HTML in a story is shown as text, not as markup",
                      "write plain Markdown: **bold**, *italic*, [link](https://...), lists")
    for key in REQUIRED_SECTIONS if complete else ():
        if key not in buffers:
            names = ", ".join(f"'## {SECTIONS[k][language]}'" for k in REQUIRED_SECTIONS)
            problems.error(path, 1, f"missing required section '## {SECTIONS[key][language]}'",
                           f"add the heading and its text; required sections, in order: {names}")
    story.lead = "\n".join(buffers[None]).strip()
    bodies = {key: "\n".join(buffers[key]).strip() for key in SECTIONS if key in buffers}
    for key, body in bodies.items():
        if not body and key in REQUIRED_SECTIONS and complete:
            problems.error(path, heading_lines[key], f"section '## {SECTIONS[key][language]}' is empty",
                           "write the section's text below its heading")
    story.sections = {key: body for key, body in bodies.items() if body}  # an empty optional one is left out
    return story


def _unknown_section(title: str, language: str, path: str, line: int, problems: Problems) -> None:
    names = [SECTIONS[key][language] for key in SECTIONS]
    suggestion = did_you_mean(title, names)
    other = "en" if language == "vi" else "vi"
    wrong_language = next((k for k in SECTIONS if SECTIONS[k][other].casefold() == title.casefold()), None)
    if wrong_language:
        suggestion = SECTIONS[wrong_language][language]
    message = f"unknown section '## {title}'"
    if suggestion:
        message += f" (did you mean '## {suggestion}'?)"
    problems.error(path, line, message, "section headings are: " + ", ".join(f"'## {n}'" for n in names))


def _strip_code(line: str) -> str:
    return _CODE_SPAN.sub("", line)


def _neutralize(line: str) -> str:
    """Escape raw HTML and attribute lists outside code spans; keep code spans as they are."""
    out, last = [], 0
    for match in _CODE_SPAN.finditer(line):
        out.append(_escape_text(line[last:match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(_escape_text(line[last:]))
    return "".join(out)


def _escape_text(text: str) -> str:
    return text.replace("<", "&lt;").replace("{", "\\{").replace("}", "\\}")


def _check_links(line: str, path: str, number: int, problems: Problems) -> None:
    text = _strip_code(line)
    targets = [m.group(1) for m in _INLINE_LINK.finditer(text)]
    reference = _REFERENCE.match(text)
    if reference:
        targets.append(reference.group(1))
    for target in targets:
        decoded = re.sub(r"[\x00-\x20\x7f]", "", html.unescape(target))
        scheme = _SCHEME.match(decoded)
        if scheme and scheme.group(1).lower() not in SAFE_SCHEMES:
            problems.error(
                path, number, f"link to '{target}' is not allowed in a story",
                "links must start with https://, http://, mailto: or tel:",
            )
