"""Content problems: what is wrong, where, and how to fix it.

Library code collects problems and raises `ContentErrors` once everything has been read;
only the CLI prints them and chooses the exit code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# control characters and direction overrides from file names or text must not reach the terminal raw
_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the content folder's parent, e.g. "content/products/x.yaml"
    line: int
    message: str
    fix: str = ""

    def render(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        if self.fix:
            text += f"\n  Fix: {self.fix}"
        return _UNPRINTABLE.sub(lambda match: f"<U+{ord(match[0]):04X}>", text)


@dataclass
class Problems:
    """A collector: errors stop the build, warnings are shown and the build goes on."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int, message: str, fix: str = "") -> None:
        self.errors.append(Problem(path, line, message, fix))

    def warn(self, path: str, line: int, message: str, fix: str = "") -> None:
        self.warnings.append(Problem(path, line, message, fix))

    def raise_if_any(self) -> None:
        if self.errors:
            raise ContentErrors(sorted(set(self.errors)), sorted(set(self.warnings)))


class ContentErrors(Exception):
    """Raised with every content error of a run, sorted by file and line."""

    def __init__(self, errors: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.errors = errors
        self.warnings = warnings or []
        super().__init__(f"{len(errors)} content error(s)")

    def render(self) -> str:
        count = len(self.errors)
        lines = [p.render() for p in self.errors]
        lines.append(f"{count} error" + ("" if count == 1 else "s"))
        return "\n".join(lines)
