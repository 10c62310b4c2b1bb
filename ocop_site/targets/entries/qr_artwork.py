"""QR artwork as a build target: /qr/<CODE>.svg, .png, .pdf and the label sheets, published with the
printables; a preview keeps the last build's."""

from __future__ import annotations

from ocop_site.targets.target import PRINT_PART, RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    from ocop_site.targets.qr.files import render_qr  # loaded when it runs, after the web part is live

    return Rendered(render_qr(context.catalog, context.cache, context.progress))


QR_ARTWORK = Target("qr-artwork", ("qr/",), _render, preview=False, part=PRINT_PART)
