"""Press kits as a build target: the zips and published originals under /press/<slug>/ (the press
pages themselves are MkDocs pages), published with the printables."""

from __future__ import annotations

from ocop_site.targets.target import PRINT_PART, RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    from ocop_site.targets.press.files import render_press_kits  # loaded when it runs, after the web part is live

    return Rendered(render_press_kits(context.catalog, context.cache, context.progress))


PRESS_KITS = Target("press-kits", ("press/",), _render, part=PRINT_PART)
