"""The one interface every target of a build implements (docs/adding-a-target.md).

A target is a name, the site paths it owns (URL prefixes), whether a preview (`ocop-site serve`)
runs it, the part of the build it is published with (PARTS: the pages first, then the search index
and the kiosk, then the printables), and a `render` function from the build's context to its outputs
(site path → file) and warnings. The build's ordered list of targets and the loop over it are in
ocop_site/pipeline/.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ocop_site.model.catalog import Catalog
from ocop_site.targets.cache import OutputCache

Outputs = dict[str, Path]  # site path → the file holding its bytes

# The parts of a build, each published in one swap as soon as its targets have rendered, in this order: the pages
# (with their photos, QR landing pages, sitemap, ledger), so an edited story is online in seconds; the search
# index and the kiosk, which read every page (Pagefind alone takes longer than the rest of an edit); the printables.
PAGES_PART, SEARCH_PART, PRINT_PART = "pages", "search", "print"
PARTS = (PAGES_PART, SEARCH_PART, PRINT_PART)


class Facts(Protocol):
    """Small facts kept in the work folder between builds (the pipeline's state file)."""

    def get(self, key: str, default: object = None) -> object: ...

    def set(self, key: str, value: object) -> None: ...


Said = dict[str, str]  # a build warning in each language, {"vi": …, "en": …}: the CLI shows the one it speaks


@dataclass
class Rendered:
    outputs: Outputs
    warnings: list[Said] = field(default_factory=list)


@dataclass
class RenderContext:
    """What a target renders from: the catalogue, the work folder and cache, the options, and what the
    targets before it in the list rendered (by name)."""

    catalog: Catalog
    work: Path
    cache: OutputCache
    progress: Callable[[str], None]
    state: Facts
    preview: bool = False
    crop_marks: bool = False
    print_profile: bool = False
    # every product photo's plan (sizes, names), shared by the pages, the photo step and the kiosk
    pictures: dict[tuple[str, int], Any] = field(default_factory=dict)  # (slug, index) → site.images.Picture
    rendered: dict[str, Rendered] = field(default_factory=dict)

    def outputs_of(self, name: str) -> Outputs:
        """The outputs of a target rendered earlier in this build ({} if it was not)."""
        rendered = self.rendered.get(name)
        return rendered.outputs if rendered else {}


@dataclass(frozen=True)
class Target:
    name: str
    prefixes: tuple[str, ...]  # the site paths it owns ("" = anywhere: the MkDocs pages)
    render: Callable[[RenderContext], Rendered]
    preview: bool = True  # a preview build runs it; if not, the site keeps the last build's files
    part: str = PAGES_PART  # the publish it belongs to (PARTS)

    @property
    def web(self) -> bool:
        """Published before the printables are made."""
        return self.part != PRINT_PART

    def owns(self, path: str) -> bool:
        return path.startswith(self.prefixes)
