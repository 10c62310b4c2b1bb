"""Content problems: what is wrong, where, and how to fix it — in the editor's language.

Library code collects problems and raises `ContentErrors` once everything has been read;
only the CLI prints them and chooses the exit code.

A problem keeps its message and Fix as English templates with named placeholders — the msgids of
the message catalogue (ocop_site/locale) — and the values apart, so that it is shown in Vietnamese
or English: `render_problem(problem, "vi")`. A value that is itself a phrase of the catalogue
("a list", "Vietnamese") is given as a `Term` and translated too.
"""

from __future__ import annotations

import errno
import re
from dataclasses import dataclass, field

from ocop_site.i18n import N_, has, t

# control characters and direction overrides from file names or text must not reach the terminal raw
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class Term(str):
    """A value that is a phrase of the catalogue ("a list", "at the top level"): translated when shown."""


class Joined(tuple):
    """A value made of parts (text, Terms, Phrases) shown one after the other, separated by ', '."""


class Count(int):
    """A whole number shown with its thousands grouped as the language writes them: 56,963 and 56.963 (in
    Vietnamese a comma marks decimals)."""


Values = tuple[tuple[str, object], ...]  # (placeholder, value): text, a Term, a Phrase or Joined parts


@dataclass(frozen=True)
class Phrase:
    """A value that is a catalogue template with values of its own ("'## {heading}' ({language})")."""

    template: str
    values: Values = ()


def phrase(template: str, /, **values: object) -> Phrase:
    return Phrase(template, values_of(values))


def values_of(values: dict[str, object]) -> Values:
    return tuple(sorted(((name, _kept(value)) for name, value in values.items()), key=lambda item: item[0]))


def _kept(value: object) -> object:
    if isinstance(value, Term | Phrase | Count):
        return value
    if isinstance(value, Joined):
        return Joined(_kept(part) for part in value)
    return str(value)


def _shown(value: object, language: str) -> str:
    if isinstance(value, Term):
        return t(value, language) if has(value, language) else str(value)
    if isinstance(value, Phrase):
        return fill(value.template, value.values, language)
    if isinstance(value, Joined):
        return ", ".join(_shown(part, language) for part in value)
    if isinstance(value, Count):
        return f"{value:,}".replace(",", "." if language == "vi" else ",")
    return str(value)


def shown_value(value: object, language: str) -> str:
    """A value of a message (text, a Term, a Phrase, Joined parts) as shown in `language`."""
    return _shown(_kept(value), language)


# the system's reasons met most often, by errno; their English is the system's own words (glibc's strerror)
_SYSTEM_REASONS = {
    errno.ENOENT: N_("os_no_such_file"), errno.EACCES: N_("os_permission_denied"),
    errno.EPERM: N_("os_not_permitted"), errno.ENOSPC: N_("os_no_space"), errno.EDQUOT: N_("os_quota"),
    errno.EROFS: N_("os_read_only"), errno.EISDIR: N_("os_is_a_folder"), errno.ENOTDIR: N_("os_not_a_folder"),
    errno.EIO: N_("os_input_output"), errno.ENAMETOOLONG: N_("os_name_too_long"), errno.EMFILE: N_("os_too_many_open"),
    errno.EADDRINUSE: N_("os_address_in_use"), errno.EADDRNOTAVAIL: N_("os_address_not_available"),
}


def system_reason(error: OSError) -> Term | Phrase:
    """Why the system refused, as a value of a message: the catalogue's words for the common reasons; for any
    other, a phrase of the reader's language with the system's own words in parentheses (for a technician)."""
    key = _SYSTEM_REASONS.get(error.errno) if error.errno is not None else None
    if key is not None:
        return Term(key)
    return phrase("os_other", reason=error.strerror or str(error) or type(error).__name__)


@dataclass(frozen=True)
class Problem:
    path: str  # relative to the content folder's parent, e.g. "content/products/x.yaml"
    line: int
    template: str  # English, with {placeholders}: the catalogue's msgid
    fix_template: str = ""
    values: Values = field(default=())

    @property
    def message(self) -> str:
        return self.text("en")[0]

    @property
    def fix(self) -> str:
        return self.text("en")[1]

    def text(self, language: str = "en") -> tuple[str, str]:
        """(message, fix) in `language`, filled in."""
        return fill(self.template, self.values, language), fill(self.fix_template, self.values, language)

    def render(self, language: str = "en") -> str:
        message, fix = self.text(language)
        text = f"{self.path}:{self.line}: {message}"
        if fix:
            text += f"\n  {t('fix_label', language)}: {fix}"
        return _UNPRINTABLE.sub(lambda match: f"<U+{ord(match[0]):04X}>", text)

    def __lt__(self, other: Problem) -> bool:  # sorted by file, line, then the English text, as printed
        return (self.path, self.line, self.message, self.fix) < (other.path, other.line, other.message, other.fix)


def render_problem(problem: Problem, language: str) -> tuple[str, str]:
    """(message, fix) of `problem` in `language` ("vi" or "en"), for the CLI, the report and the form editor."""
    return problem.text(language)


def fill(template: str, values: Values, language: str) -> str:
    """`template` in `language`, its placeholders filled in from `values` (Terms translated too)."""
    if not template:
        return ""
    # a message made at run time (a library's own words) is not in the catalogue: it stays in English
    text = t(template, language) if has(template, language) else template
    if not values:
        return text
    return text.format(**{name: _shown(value, language) for name, value in values})


class ProgressLine(str):
    """A progress line of the build or the preview server: the English text as a `str` (so any progress
    callback takes it as text), and its catalogue template and values, that the CLI shows in its language."""

    template: str
    values: Values

    def __new__(cls, template: str, /, **values: object) -> ProgressLine:
        kept = values_of(values)
        said = super().__new__(cls, fill(template, kept, "en"))
        said.template, said.values = template, kept
        return said

    def text(self, language: str) -> str:
        return fill(self.template, self.values, language)


def said_in(language: str, message: str) -> str:
    """`message` in `language` when it is a `ProgressLine`; other text (a library's own words) as it is."""
    return message.text(language) if isinstance(message, ProgressLine) else message


@dataclass
class Problems:
    """A collector: errors stop the build, warnings are shown and the build goes on."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, fix: str = "", /, **values: object) -> None:
        self.errors.append(Problem(path, line, message, fix, values_of(values)))

    def warn(self, path: str, line: int, message: str, fix: str = "", /, **values: object) -> None:
        self.warnings.append(Problem(path, line, message, fix, values_of(values)))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(sorted(set(self.errors)), sorted(set(self.warnings)))


def problem(path: str, line: int, message: str, fix: str = "", /, **values: object) -> Problem:
    """One problem, its message and Fix templates filled in from `values`."""
    return Problem(path, line, message, fix, values_of(values))


class ContentErrors(Exception):
    """Raised with every content error of a run, sorted by file and line."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(f"{len(errors)} content error(s)")

    def render(self, language: str = "en") -> str:
        count = len(self.errors)
        lines = [p.render(language) for p in self.errors]
        lines.append(t("errors_count", language, n=count))
        return "\n".join(lines)
