"""The catalogue: the single object graph the targets render (its products, trips and code book)."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ocop_site.content.localities import fold
from ocop_site.content.records import SiteRecord
from ocop_site.model.codes import CodeBook
from ocop_site.model.product import Product
from ocop_site.model.trips import Trip


@dataclass
class Catalog:
    site: SiteRecord
    products: dict[str, Product]  # by slug, sorted
    today: dt.date
    content_dir: Path
    codes: CodeBook = field(default_factory=CodeBook)
    warnings: list = field(default_factory=list)
    trips: dict[str, Trip] = field(default_factory=dict)  # by slug, sorted

    @cached_property
    def listed(self) -> list[Product]:
        """Products shown in listings: all but the withdrawn ones, by slug."""
        return [p for p in self.products.values() if not p.record.withdrawn]

    @cached_property
    def in_force(self) -> list[Product]:
        """Listed products whose certificate has not expired on `today`, by slug."""
        return [p for p in self.listed if p.in_force(self.today)]

    def sorted_by_name(self, language: str) -> list[Product]:
        return sorted(self.listed, key=lambda p: (collation_key(p.name(language)), p.slug))

    def featured(self, limit: int = 6) -> list[Product]:
        chosen = [p for p in self.listed if p.record.featured]
        return (chosen or self.listed)[:limit]

    @cached_property
    def _by_group(self) -> dict[str, list[Product]]:
        return _group_by(self.listed, lambda p: p.record.group.value)

    @cached_property
    def _by_locality(self) -> dict[str, list[Product]]:
        return _group_by(self.listed, lambda p: p.record.locality.commune)

    def by_group(self) -> dict[str, list[Product]]:
        return self._by_group

    def by_locality(self) -> dict[str, list[Product]]:
        return self._by_locality

    def by_stars(self) -> dict[int, list[Product]]:
        return _group_by(self.listed, lambda p: p.record.stars)

    def related(self, product: Product, limit: int = 4) -> list[Product]:
        """Same group first (same locality before others), then same locality, then the rest, by slug.

        Built from the group and locality indexes, so it costs little even at thousands of products.
        """
        group, commune = product.record.group.value, product.record.locality.commune
        same_group = self._by_group.get(group, [])  # by slug, like every index here
        candidates = itertools.chain(
            (p for p in same_group if p.record.locality.commune == commune),
            (p for p in same_group if p.record.locality.commune != commune),
            (p for p in self._by_locality.get(commune, []) if p.record.group.value != group),
            self.listed,
        )
        chosen: list[Product] = []
        for candidate in candidates:
            if candidate.slug != product.slug and candidate not in chosen:
                chosen.append(candidate)
                if len(chosen) == limit:
                    break
        return chosen


def collation_key(text: str) -> tuple:
    """Vietnamese-friendly sort: by base letters (đ with d), then by the accented text."""
    return (fold(text), text)


def _group_by(products, key) -> dict:
    groups: dict = {}
    for product in products:
        groups.setdefault(key(product), []).append(product)
    return groups
