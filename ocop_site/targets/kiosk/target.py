"""The kiosk as a build target: /kiosk/ and /en/kiosk/, published with the search index, after the pages."""

from __future__ import annotations

from ocop_site.targets.kiosk.files import render_kiosk
from ocop_site.targets.target import SEARCH_PART, RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    return Rendered(render_kiosk(context.catalog, context.work / "kiosk", context.cache, context.progress,
                                 context.pictures))


KIOSK = Target("kiosk", ("kiosk/", "en/kiosk/"), _render, part=SEARCH_PART)
