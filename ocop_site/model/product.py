"""A product: its valid record, stories and photos, and what the certificate dates mean today."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ocop_site.content.records import ProductRecord
from ocop_site.content.stories import Story
from ocop_site.model import certificate
from ocop_site.problems import Problem, values_of


@dataclass
class Product:
    slug: str
    record: ProductRecord
    stories: dict[str, Story]
    source: Path  # the YAML file
    media_dir: Path
    code_line: int = 1  # where 'code:' is written, for errors about the code
    lines: dict[str, int] = field(default_factory=dict)  # dotted key → line, for later rules' messages
    photos: list[Path] = field(default_factory=list)  # the file of each image, as found on disk (NFC-matched)
    photo_sizes: list[tuple[int, int]] = field(default_factory=list)  # each photo's pixels as shown: (width, height)

    def line(self, key: str) -> int:
        """The line of a dotted key of the record ('certificate.expires'), else of 'code:'."""
        return self.lines.get(key, self.code_line)

    @property
    def expires(self) -> dt.date:
        cert = self.record.certificate
        return cert.expires or certificate.default_expiry(cert.recognized)

    def certificate_status(self, today: dt.date) -> str:
        return certificate.status(self.expires, today)

    def expired(self, today: dt.date) -> dt.date | None:
        """The day the certificate ended, when it has ended by `today` (else None)."""
        return self.expires if self.certificate_status(today) == "expired" else None

    def in_force(self, today: dt.date) -> bool:
        """Still in the programme with a certificate in force: only these are offered as OCOP products
        where the status cannot be checked again later (kiosk, catalogue booklet; see docs/printables.md)."""
        return not self.record.withdrawn and self.expired(today) is None

    def name(self, language: str) -> str:
        return getattr(self.record.name, language)

    def image_path(self, index: int = 0) -> Path:
        return self.photos[index] if self.photos else self.media_dir / self.record.images[index].file


def expired_warning(product: Product, today: dt.date) -> Problem | None:
    """The warning for a listed product whose certificate has ended: what it no longer gets, and what to do.

    Named at 'certificate.expires' when the record gives it, else at 'certificate.recognized'."""
    ended = product.expired(today)
    if ended is None or product.record.withdrawn:
        return None
    cert = product.record.certificate
    key = "certificate.expires" if cert.expires else "certificate.recognized"
    return Problem(
        product.source.as_posix(), product.line(key),
        "the OCOP certificate {decision} expired on {date}: the kiosk and the catalogue "
        "booklet leave the product out, and its page, flyer and brochure say the certificate has expired",
        "if it was renewed, write the new decision's 'decision', 'recognized' and 'expires'; if the product "
        "left the programme, add 'withdrawn: YYYY-MM-DD'",
        values_of({"decision": cert.decision, "date": ended.isoformat()}))
