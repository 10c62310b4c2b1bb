"""The catalogue booklet in the build: its parts (booklet.py) as cached jobs, in three rounds, then joined.

Round 1 lays out the front, which fixes where the product pages start; round 2 the product pages, a
part of booklet.PAGES_PER_PART products at a time, and the back, together with the flyers and
brochures; round 3 joins them. Each part's key holds only what it shows: the front and the back the
records (names, groups, places), a product part the record, story and photos of its own products and its
first page number. A story edit therefore lays out one part again and joins; a new or renamed product
moves page numbers, so every part after it is laid out again.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ocop_site.content.records import Showroom
from ocop_site.model.catalog import Product
from ocop_site.targets.cache import Files, Job, OutputCache, make_key
from ocop_site.targets.pdf_fetcher import PDF_ENGINE
from ocop_site.targets.printables import press
from ocop_site.targets.printables.booklet import PAGES_PER_PART, back_pdf, booklet_order, front_pdf, product_pages_pdf
from ocop_site.targets.printables.join import join_pdfs


@dataclass
class BookletJobs:
    """The booklets of every language as parts, made round by round; counts the parts laid out."""

    cache: OutputCache
    products: list[Product]
    languages: tuple[str, ...]
    site_url: str
    crop_marks: bool
    source: str  # the printables' code fingerprint
    record_digests: dict[str, str]  # slug → digest of the record: what the front and back show
    content_digests: dict[tuple[str, str], str]  # (slug, language) → record, story and photos
    showrooms: tuple[Showroom, ...] = ()  # the map and the "where to buy" page of the back
    profile: str = press.SCREEN
    parts: int = 0
    parts_made: int = 0
    _fronts: dict[str, Job] = field(default_factory=dict)
    _parts: dict[str, list[Job]] = field(default_factory=dict)  # language → front, product pages, back

    def lay_out_fronts(self) -> None:
        """Round 1: the fronts, which tell where each language's product pages start."""
        self._fronts = {language: Job(self._key("front", language), _front,
                                      (self._ordered(language), language, self.site_url, self.crop_marks,
                                       self.profile))
                        for language in self.languages}
        # one at a time, like the joins: at 5,000 products a front's layout holds ≈ 0.8 GB (benchmarks/scale.py)
        self.parts_made += self.cache.run(list(self._fronts.values()), workers=1, imports=PDF_ENGINE)

    def part_jobs(self) -> list[Job]:
        """Round 2: the product pages and the backs, for the build to run with its other printables;
        those not cached yet are counted as laid out."""
        self._parts = {}
        for language, front in self._fronts.items():
            first_page = int(self.cache.path(front.key, "first-page").read_text())
            ordered = self._ordered(language)
            common = (language, self.site_url, self.crop_marks)
            pages = [Job(self._key("pages", language, first_page + start, chunk), _pages,
                         (chunk, first_page + start, *common, self.profile))
                     for start in range(0, len(ordered), PAGES_PER_PART)
                     for chunk in [ordered[start:start + PAGES_PER_PART]]]
            back = Job(self._key("back", language, first_page), _back,
                       (ordered, first_page, *common, self.showrooms, self.profile))
            self._parts[language] = [front, *pages, back]
        jobs = [job for parts in self._parts.values() for job in parts[1:]]
        self.parts = len(jobs) + len(self._fronts)
        self.parts_made += sum(not self.cache.done(job.key) for job in jobs)
        return jobs

    def join(self) -> tuple[dict[str, Job], int]:
        """Round 3, once the parts are made: language → the booklet's job, and how many were joined again."""
        booklets = {language: Job(make_key("booklet", [job.key for job in parts]), _join,
                                  ([str(self.cache.path(job.key, "pdf")) for job in parts],))
                    for language, parts in self._parts.items()}
        # one at a time: at 5,000 products a join holds ≈ 0.7 GB (benchmarks/scale.py), two would double it
        return booklets, self.cache.run(list(booklets.values()), workers=1, imports=PDF_ENGINE)

    def _ordered(self, language: str) -> list[Product]:
        return self._orders[language]

    @cached_property
    def _orders(self) -> dict[str, list[Product]]:
        """Each language's booklet order, sorted once (the keys and the jobs of every round need it)."""
        return {language: booklet_order(self.products, language) for language in self.languages}

    def _key(self, part: str, language: str, first_page: int = 0, chunk: list[Product] | None = None) -> str:
        shown = ([self.content_digests[p.slug, language] for p in chunk] if chunk is not None
                 else [self.record_digests[p.slug] for p in self._ordered(language)])
        rooms = [room.model_dump_json() for room in self.showrooms] if part == "back" else []
        return make_key("booklet-" + part, self.source, language, first_page, shown, self.site_url, self.crop_marks,
                        self.profile, rooms)


def _front(ordered: list[Product], language: str, site_url: str, crop_marks: bool, profile: str) -> Files:
    pdf, first_page = front_pdf(ordered, language, site_url, crop_marks, profile)
    return {"pdf": pdf, "first-page": str(first_page).encode()}


def _pages(chunk: list[Product], first_page: int, language: str, site_url: str, crop_marks: bool,
           profile: str) -> Files:
    return {"pdf": product_pages_pdf(chunk, first_page, language, site_url, crop_marks, profile)}


def _back(ordered: list[Product], first_page: int, language: str, site_url: str, crop_marks: bool,
          showrooms: tuple[Showroom, ...], profile: str) -> Files:
    return {"pdf": back_pdf(ordered, first_page, language, site_url, crop_marks, showrooms, profile)}


def _join(paths: list[str]) -> Files:
    """The joined booklet as a file, moved into the cache: at thousands of pages it is too big to pass
    back from the worker in memory."""
    handle, name = tempfile.mkstemp(prefix="ocop-booklet-", suffix=".pdf")
    os.close(handle)
    target = Path(name)
    join_pdfs([Path(path) for path in paths], target)
    return {"pdf": target}
