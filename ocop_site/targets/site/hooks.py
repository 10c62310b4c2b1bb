"""MkDocs hooks (listed under `hooks:` in the generated config): fixes to Material's own markup
that its template blocks cannot reach.

- Material's base.html puts `autocomplete="off"` on its two toggle checkboxes (drawer and search)
  so that Firefox does not restore them as ticked on reload. HTML allows `autocomplete` only on
  text-like inputs, so the Nu HTML checker reports an error on every page. The attribute is
  removed here, and assets/ocop.js unticks the toggles when a page is shown, which keeps the
  Firefox behaviour it was there for.
"""

from __future__ import annotations

TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">':
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    for name in ("drawer", "search")
}


def _without_toggle_autocomplete(html: str) -> str:
    for old, new in TOGGLES.items():
        html = html.replace(old, new, 1)
    return html


def on_post_page(output: str, **kwargs: object) -> str:
    return _without_toggle_autocomplete(output)


def on_post_template(output_content: str, **kwargs: object) -> str:  # static pages: 404.html
    return _without_toggle_autocomplete(output_content)
