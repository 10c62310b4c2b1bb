"""Products and the catalogue: the single object graph the targets render."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ocop_site.content.localities import fold
from ocop_site.content.records import ProductRecord, SiteRecord
from ocop_site.content.stories import Story
from ocop_site.model import certificate
from ocop_site.model.codes import CodeBook


@dataclass
class Product:
    slug: str
    record: ProductRecord
    stories: dict[str, Story]
    source: Path  # the YAML file
    media_dir: Path
    code_line: int = 1  # where 'code:' is written, for errors about the code

    @property
    def expires(self) -> dt.date:
        cert = self.record.certificate
        return cert.expires or certificate.default_expiry(cert.recognized)

    def certificate_status(self, today: dt.date) -> str:
        return certificate.status(self.expires, today)

    def name(self, language: str) -> str:
        return getattr(self.record.name, language)

    def image_path(self, index: int = 0) -> Path:
        return self.media_dir / self.record.images[index].file


@dataclass
class Catalog:
    site: SiteRecord
    products: dict[str, Product]  # by slug, sorted
    today: dt.date
    content_dir: Path
    codes: CodeBook = field(default_factory=CodeBook)
    warnings: list = field(default_factory=list)

    @property
    def listed(self) -> list[Product]:
        """Products shown in listings: all but the withdrawn ones."""
        return [p for p in self.products.values() if not p.record.withdrawn]

    def sorted_by_name(self, language: str) -> list[Product]:
        return sorted(self.listed, key=lambda p: (collation_key(p.name(language)), p.slug))

    def featured(self, limit: int = 6) -> list[Product]:
        chosen = [p for p in self.listed if p.record.featured]
        return (chosen or self.listed)[:limit]

    def by_group(self) -> dict[str, list[Product]]:
        return _group_by(self.listed, lambda p: p.record.group.value)

    def by_locality(self) -> dict[str, list[Product]]:
        return _group_by(self.listed, lambda p: p.record.locality.commune)

    def by_stars(self) -> dict[int, list[Product]]:
        return _group_by(self.listed, lambda p: p.record.stars)

    def related(self, product: Product, limit: int = 4) -> list[Product]:
        """Same group first, then same locality, then the rest: a fixed number, stable order."""
        def rank(other: Product) -> tuple:
            return (
                other.record.group != product.record.group,
                other.record.locality.commune != product.record.locality.commune,
                other.slug,
            )
        others = [p for p in self.listed if p.slug != product.slug]
        return sorted(others, key=rank)[:limit]


def collation_key(text: str) -> tuple:
    """Vietnamese-friendly sort: by base letters (đ with d), then by the accented text."""
    return (fold(text), text)


def _group_by(products, key) -> dict:
    groups: dict = {}
    for product in products:
        groups.setdefault(key(product), []).append(product)
    return groups
