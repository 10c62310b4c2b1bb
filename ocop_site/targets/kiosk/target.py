"""The kiosk as a build target: /kiosk/ and /en/kiosk/, part of the web publish."""

from __future__ import annotations

from ocop_site.targets.kiosk.files import render_kiosk
from ocop_site.targets.target import RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    return Rendered(render_kiosk(context.catalog, context.work / "kiosk", context.cache, context.progress,
                                 context.pictures))


KIOSK = Target("kiosk", ("kiosk/", "en/kiosk/"), _render)
