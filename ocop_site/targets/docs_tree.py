"""The Markdown docs tree of one language, which MkDocs turns into the site: the catalogue's pages
(site/pages.py), the press-kit pages (press/pages.py) and the trip pages (trips/pages.py).

It stands above the three targets so that none of them imports another's pages: the press and trip
targets use the site's renderer and URLs, and the site target knows nothing of press kits or trips.
"""

from __future__ import annotations

from collections.abc import Iterator

from ocop_site.targets.press.pages import press_pages
from ocop_site.targets.site.pages import CataloguePages
from ocop_site.targets.trips.pages import trip_pages


class DocsTree(CataloguePages):
    """(docs path, Markdown) of every page of one language."""

    def pages(self) -> Iterator[tuple[str, str]]:
        yield from self._generate_pages()
        yield from press_pages(self)
        yield from trip_pages(self)
        yield from self._generate_products()
