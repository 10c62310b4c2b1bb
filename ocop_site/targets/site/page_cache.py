"""A per-page cache for the generated Markdown of product, press and listing pages (issue 18: a story
edit costs what it changes).

Each such page gets a key made of everything it is rendered from: the product's own files (record,
stories, photos and videos), the products its page shows as cards (their own files), every content
file that belongs to no product (site settings, trips, the QR ledger, …), the date and the
generator's code. When a page's key equals the one recorded for the docs tree on disk, and the file
there still has the digest recorded with it, the page is read back instead of rendered. The
recorded keys are dropped before the tree is written and kept again only once it is complete, so
a build killed half-way cannot leave a key beside a file it does not describe. A product shown only as
a card (a listing of a group, a commune or a star level; the related products on a product page) counts by
what its card shows (CARD_FACTS), not by its files: a sentence added to a story renders that product's own
pages again, not the 60 pages that show its card. The home, catalogue, map and downloads pages, which show
all or most products, are always rendered (they are few).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

from ocop_site.content.ledger import LOCK_FILE
from ocop_site.model.catalog import Catalog, Product
from ocop_site.targets.cache import file_digest, fingerprint
from ocop_site.targets.site.images import Picture
from ocop_site.targets.target import Facts

PACKAGE = Path(__file__).resolve().parent.parent.parent
PER_PRODUCT = ("products", "stories", "media")  # content folders whose files belong to one product
# What templates/cards.html.j2 shows of a product (tests/test_page_cache_cards.py reads the template for it)
CARD_FACTS = ("p.slug", "p.name(lang)", "p.record.stars", "p.record.locality.commune", "picture(p.slug, 0")


class PageCache:
    def __init__(self, catalog: Catalog, language: str, docs: Path, state: Facts,
                 pictures: dict[tuple[str, int], Picture] | None = None) -> None:
        self.catalog, self.language, self.docs, self.state = catalog, language, docs, state
        self.pictures = pictures or {}  # each photo's plan (site.images.Picture): a card shows the first
        known = state.get(self._state_key)
        self.known: dict[str, str] = known if isinstance(known, dict) else {}
        self.keys: dict[str, str] = {}
        self.rendered = self.reused = 0
        self._common = _common_key(catalog, language)
        self._own: dict[str, str] = {}
        self._cards: dict[str, str] = {}

    @property
    def _state_key(self) -> str:
        return f"page-keys-{self.language}"

    def forget(self) -> None:
        """Until the tree is written in full, no key describes it."""
        self.state.set(self._state_key, None)

    def keep(self) -> None:
        self.state.set(self._state_key, self.keys)

    def page(self, path: str, products: list[Product], render: Callable[[], str],
             cards: list[Product] | tuple[()] = ()) -> str:
        """The Markdown of the page at docs `path` showing `products` (itself) and the `cards` of others: read back
        when its key is the recorded one, rendered otherwise."""
        parts = [self._common, *(self._product(p) for p in products), "cards", *(self._card(p) for p in cards)]
        key = hashlib.sha256("\0".join(parts).encode()).hexdigest()
        known = self.known.get(path, "").split(" ")
        if known[0] == key:
            try:
                data = (self.docs / path).read_bytes()
            except OSError:
                data = b""
            if len(known) == 2 and _digest(data) == known[1]:  # the file is still what was rendered
                self.keys[path] = f"{key} {known[1]}"
                self.reused += 1
                return data.decode("utf-8")
        text = render()
        self.keys[path] = f"{key} {_digest(text.encode('utf-8'))}"
        self.rendered += 1
        return text

    def _card(self, product: Product) -> str:
        """The digest of what a product's card shows (CARD_FACTS)."""
        if product.slug not in self._cards:
            record, picture = product.record, self.pictures.get((product.slug, 0))
            # the photo's plan as its markup shows it: not its source, a path that depends on how --content was given
            shown = (picture.stem, picture.width, picture.height, picture.widths) if picture else None
            facts = (product.slug, product.name(self.language), record.stars, record.locality.commune, shown)
            self._cards[product.slug] = hashlib.sha256(repr(facts).encode()).hexdigest()
        return self._cards[product.slug]

    def _product(self, product: Product) -> str:
        """The digest of one product's own files."""
        if product.slug not in self._own:
            digest = hashlib.sha256(f"{product.slug}\0{file_digest(product.source)}\0".encode())
            for language, story in sorted(product.stories.items()):
                digest.update(f"{language}\0{story.source}\0".encode())
            media = product.media_dir
            for path in sorted(media.rglob("*")) if media.is_dir() else []:
                if path.is_file():
                    digest.update(f"{path.relative_to(media).as_posix()}\0{file_digest(path)}\0".encode())
            self._own[product.slug] = digest.hexdigest()
        return self._own[product.slug]


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _common_key(catalog: Catalog, language: str) -> str:
    """What every cached page depends on besides its products: language, date, code, shared content."""
    content = catalog.content_dir
    digest = hashlib.sha256(f"{language}\0{catalog.today.isoformat()}\0{_generator()}\0".encode())
    for path in sorted(content.rglob("*")):
        relative = path.relative_to(content)
        if path.is_file() and relative.parts[0] not in PER_PRODUCT and path.name != LOCK_FILE:
            digest.update(f"{relative.as_posix()}\0{file_digest(path)}\0".encode())
    return digest.hexdigest()


@functools.cache
def _generator() -> str:
    versions = " ".join(f"{name}={metadata.version(name)}" for name in ("Jinja2", "MarkupSafe", "vietnam-provinces"))
    return fingerprint(PACKAGE, extra=versions)
