"""Trip guides as a build target: /print/trips/<slug>-guide-<language>.pdf, published with the
printables; a preview keeps the last build's."""

from __future__ import annotations

from ocop_site.targets.target import PRINT_PART, RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    from ocop_site.targets.trips.files import render_trip_guides  # loaded when it runs, after the web part is live

    return Rendered(render_trip_guides(context.catalog, context.cache, context.progress,
                                       crop_marks=context.crop_marks, print_profile=context.print_profile))


TRIP_GUIDES = Target("trip-guides", ("print/trips/", "print/press/trips/"), _render, preview=False, part=PRINT_PART)
