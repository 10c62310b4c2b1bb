"""What `ocop-site report` finds, and the sections it lists them under."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ocop_site.content.ledger import LedgerEntry
from ocop_site.problems import Problem, Values, fill

# kind → (Vietnamese title, English title), in the order the report shows them
KINDS: dict[str, tuple[str, str]] = {
    "translation": ("Thiếu bản dịch", "Translation gaps"),
    "photos": ("Ảnh và mô tả ảnh", "Photos and alt text"),
    "certificates": ("Giấy chứng nhận hết hạn hoặc sắp hết hạn (30 ngày)",
                     "Certificates expired or expiring within 30 days"),
    "short": ("Câu chuyện quá ngắn", "Stories below the minimum length"),
    "drafts": ("Bản nháp chưa xuất bản", "Drafts (not published)"),
}


@dataclass(frozen=True, order=True)
class Finding:
    kind: str
    path: str  # the file to open, as the content folder is named on the command line
    line: int
    slug: str
    template: str  # English with {placeholders}: the message catalogue's msgid
    values: Values = ()

    @property
    def message(self) -> str:
        return self.text("en")

    def text(self, language: str = "en") -> str:
        return fill(self.template, self.values, language)

    def render(self, language: str = "en") -> str:
        return f"{self.path}:{self.line}: {self.text(language)}"


@dataclass
class Report:
    content: Path
    today: dt.date
    min_words: int
    products: int = 0  # published records read (drafts not included)
    drafts: int = 0
    findings: list[Finding] = field(default_factory=list)
    issued: list[LedgerEntry] = field(default_factory=list)  # the QR ledger, in order
    pending: list[tuple[str, str]] = field(default_factory=list)  # (code, slug) the next build will issue
    errors: list[Problem] = field(default_factory=list)  # what 'ocop-site validate' reports
    warnings: list[Problem] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.kind == kind]
