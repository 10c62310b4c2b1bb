"""Share cards as a build target: /share/<slug>.<language>.jpg, published with the printables; a
preview keeps the last build's."""

from __future__ import annotations

from ocop_site.targets.target import PRINT_PART, RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    from ocop_site.targets.share.files import render_share_cards  # loaded when it runs, after the web part is live

    return Rendered(render_share_cards(context.catalog, context.cache, context.progress))


SHARE_CARDS = Target("share-cards", ("share/",), _render, preview=False, part=PRINT_PART)
