"""The build's targets, in order, and the loop that renders them (docs/adding-a-target.md).

Each target (ocop_site/targets/target.py) renders from one context into the work folder and the
render cache and returns site path → file. The build publishes in three parts (targets.target.PARTS),
each as soon as its targets have rendered: the web part's pages (with photos, videos, QR landing pages,
sitemap, ledger), then the search index and the kiosk, then the rest (QR artwork, share cards, press
kits, printables, trip guides). A preview runs only the targets marked for it; the site keeps the last
build's files of the others.

It lives here, not in a target, because it imports them all: a target's own modules (urls, say)
must be importable without loading every other target.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ocop_site.i18n import N_
from ocop_site.problems import Joined, Term
from ocop_site.targets.docs_tree import PAGES
from ocop_site.targets.entries.press_kits import PRESS_KITS
from ocop_site.targets.entries.printables import PRINTABLES
from ocop_site.targets.entries.qr_artwork import QR_ARTWORK
from ocop_site.targets.entries.share_cards import SHARE_CARDS
from ocop_site.targets.entries.trip_guides import TRIP_GUIDES
from ocop_site.targets.kiosk.target import KIOSK
from ocop_site.targets.site.target import LEDGER, PHOTOS, SEARCH, SITEMAP, STUBS, VIDEOS
from ocop_site.targets.target import PARTS, Outputs, RenderContext, Said, Target

TARGETS: tuple[Target, ...] = (
    PAGES, PHOTOS, VIDEOS, STUBS, SITEMAP, LEDGER,  # the web part's pages, published first
    SEARCH, KIOSK,  # then the search index and the kiosk
    QR_ARTWORK, SHARE_CARDS, PRESS_KITS, PRINTABLES, TRIP_GUIDES,  # then these
)

# what the progress lines call each target, in the reader's language (keys of the message catalogue);
# a target without one shows its name (tests/test_targets.py fails for it)
TARGET_WORDS: dict[str, str] = {
    PAGES.name: N_("target_pages"), SEARCH.name: N_("target_search"), PHOTOS.name: N_("target_photos"),
    VIDEOS.name: N_("target_videos"), STUBS.name: N_("target_stubs"), SITEMAP.name: N_("target_sitemap"),
    LEDGER.name: N_("target_ledger"), KIOSK.name: N_("target_kiosk"), QR_ARTWORK.name: N_("target_qr_artwork"),
    SHARE_CARDS.name: N_("target_share_cards"), PRESS_KITS.name: N_("target_press_kits"),
    PRINTABLES.name: N_("target_printables"), TRIP_GUIDES.name: N_("target_trip_guides"),
}


def named(targets: list[Target]) -> Joined:
    """`targets` as a progress line lists them: words of the catalogue, shown in the reader's language."""
    return Joined(Term(TARGET_WORDS[target.name]) if target.name in TARGET_WORDS else target.name
                  for target in targets)


class TargetClash(Exception):
    """Two targets produced the same site path: a generator bug (one would silently replace the other)."""


@dataclass
class Rendering:
    """What the targets of this build rendered so far."""

    outputs: Outputs = field(default_factory=dict)
    owners: dict[str, str] = field(default_factory=dict)  # site path → the target that made it
    warnings: list[Said] = field(default_factory=list)
    skipped: list[Target] = field(default_factory=list)  # not run by this build: the site keeps their files


def parts(targets: tuple[Target, ...], preview: bool) -> tuple[list[list[Target]], list[Target]]:
    """The targets this build runs, in the order of their publishes (PARTS; a part with none left out), and
    those it skips."""
    run = [target for target in targets if target.preview or not preview]
    skipped = [target for target in targets if target not in run]
    grouped = [[target for target in run if target.part == part] for part in PARTS]
    return [group for group in grouped if group], skipped


def render_site(context: RenderContext, targets: list[Target], rendering: Rendering) -> Rendering:
    """Render `targets` in order into `rendering`; raise TargetClash when one produces a path another did."""
    for target in targets:
        rendered = target.render(context)
        context.rendered[target.name] = rendered
        for path, source in rendered.outputs.items():
            other = rendering.owners.get(path)
            if other is not None:
                raise TargetClash(f"the targets '{other}' and '{target.name}' both produce the file '{path}'")
            rendering.owners[path] = target.name
            rendering.outputs[path] = source
        rendering.warnings.extend(rendered.warnings)
    return rendering
