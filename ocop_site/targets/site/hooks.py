"""MkDocs hooks (listed under `hooks:` in the generated config): fixes to Material's own markup
that its template blocks cannot reach.

- Material's base.html puts `autocomplete="off"` on its two toggle checkboxes (drawer and search)
  so that Firefox does not restore them as ticked on reload. HTML allows `autocomplete` only on
  text-like inputs, so the Nu HTML checker reports an error on every page. The attribute is
  removed here, and assets/ocop.js unticks the toggles when a page is shown, which keeps the
  Firefox behaviour it was there for.
- One copy of the shared assets serves both languages (issue 16): the en build (extra
  `shared_assets: "../"`) points every `assets/` reference of its pages one folder up, at the vi
  copy under /assets/, and deletes its own copy when it is done. Relative paths keep a site_url
  with a sub-path working.
"""

from __future__ import annotations

import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

TOGGLES = {
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" autocomplete="off">':
    f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}">'
    for name in ("drawer", "search")
}


def _without_toggle_autocomplete(html: str) -> str:
    for old, new in TOGGLES.items():
        html = html.replace(old, new, 1)
    return html


# an attribute value or JSON string that starts with a relative path to the language root's assets/
_ASSET_REFERENCE = re.compile(r"""(?<=["'])((?:\.{1,2}/)*)assets/""")


def _shared_assets(html: str, config) -> str:
    prefix = config.extra.get("shared_assets", "")
    if not prefix:
        return html
    html = _ASSET_REFERENCE.sub(lambda match: f"{match.group(1)}{prefix}assets/", html)
    # 404.html links from the site's path ("/en/assets/…", or "/sub/en/assets/…" under a sub-path)
    own = urlsplit(config.site_url or "/").path
    parent = posixpath.normpath(posixpath.join(own, prefix)).rstrip("/") + "/"
    for quote in "\"'":
        html = html.replace(f"{quote}{own}assets/", f"{quote}{parent}assets/")
    return html


# Material's bundle runs when the page is parsed (defer): it does not hold up the first paint
_BUNDLE = re.compile(r'(<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js")></script>')


def _deferred_bundle(html: str) -> str:
    return _BUNDLE.sub(r"\1 defer></script>", html, count=1)


def on_post_page(output: str, config, **kwargs: object) -> str:
    return _deferred_bundle(_shared_assets(_without_toggle_autocomplete(output), config))


def on_post_template(output_content: str, config, **kwargs: object) -> str:  # static pages: 404.html
    return _deferred_bundle(_shared_assets(_without_toggle_autocomplete(output_content), config))


def on_post_build(config, **kwargs: object) -> None:
    if config.extra.get("shared_assets"):
        shutil.rmtree(Path(config.site_dir) / "assets", ignore_errors=True)
