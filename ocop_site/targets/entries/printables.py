"""The printables as a build target: flyers, brochures and the catalogue under /print/, published
after the web part; a preview keeps the last build's."""

from __future__ import annotations

from ocop_site.targets.target import PRINT_PART, RenderContext, Rendered, Target


def _render(context: RenderContext) -> Rendered:
    from ocop_site.targets.printables.files import render_printables  # loaded when it runs, after the web part is live

    return Rendered(render_printables(context.catalog, context.cache, context.progress,
                                      crop_marks=context.crop_marks, print_profile=context.print_profile))


PRINTABLES = Target("printables", ("print/",), _render, preview=False, part=PRINT_PART)
