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
- The home and product pages load only the CSS they use (issue 16): Material's main.css (23 KB
  gzip, render-blocking) is replaced by the part of it the page can use (css_subset.py, about
  5 KB gzip), and it and the site's own small stylesheet are put in the page, so that it paints
  without waiting for any stylesheet. These pages run no theme script (overrides/main.html) that
  could add classes, only the site's own scripts, whose words count as used. Other pages keep
  main.css: Material's bundle changes their classes as it runs.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
import shutil
from pathlib import Path
from urllib.parse import urlsplit

from ocop_site.targets.site.css_subset import subset, vocabulary
from ocop_site.targets.site.kept_templates import keep_compiled
from ocop_site.targets.site.own_assets import STYLE_BYTES, STYLESHEET

ASSETS = Path(__file__).parent / "assets"
# The folder a build gives its MkDocs processes (in the render cache) to keep what the next one can reuse:
# the stylesheet subsets and Material's compiled templates. Without it, each process makes its own.
CACHE_SETTING = "OCOP_SITE_MKDOCS_CACHE"


def _kept_in(name: str) -> Path | None:
    return Path(os.environ[CACHE_SETTING]) / name if os.environ.get(CACHE_SETTING) else None

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


# The stylesheets in a page's head: `<link rel="stylesheet" href="…assets/stylesheets/main.<hash>.min.css">`
# (Material's) and `…assets/ocop.<hash>.css` (the site's own: fonts.css and ocop.css)
_MAIN_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/(stylesheets/main\.[0-9a-f]+\.min\.css)">')
_OWN_CSS = re.compile(r'<link rel="stylesheet" href="([^"]*assets/)' + re.escape(STYLESHEET.removeprefix("assets/"))
                      + '">')
_RELATIVE_URL = re.compile(r"""url\((["']?)(?![a-z][a-z0-9+.-]*:|/|#)""")


def _inline_css(html: str, config) -> str:
    """A page without the theme's script: Material's stylesheet cut to what the page uses, and the
    site's own, in the page itself, so that it paints without waiting for a stylesheet."""
    main, own = _MAIN_CSS.search(html), _OWN_CSS.search(html)
    if main is None or own is None or main.end() > own.start():
        return html
    sheet = next((Path(folder) / "assets" / main.group(1) for folder in config.theme.dirs
                  if (Path(folder) / "assets" / main.group(1)).is_file()), None)
    if sheet is None:  # not a file of the theme: leave the page as Material made it
        return html
    used = subset(_text(sheet), vocabulary(html, _assets("*.js")), _assets("*.css") + html, _kept_in("css-subsets"))
    # url("fonts/…") is relative to the stylesheet's folder; in the page, to the page's
    ours = _RELATIVE_URL.sub(lambda m: f"url({m.group(1)}{own.group(1)}", STYLE_BYTES.decode("utf-8"))
    if "</style" in (used + ours).lower():  # not in these sheets (icons hold "</svg>"): it would end the style
        return html
    return (html[:main.start()] + f"<style>{used}</style>" + html[main.end():own.start()]
            + f"<style>{ours}</style>" + html[own.end():])


@functools.cache
def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _assets(pattern: str) -> str:
    """The site's own scripts or stylesheets, one text (the map's Leaflet has its own stylesheet)."""
    return "".join(_text(path) for path in sorted(ASSETS.glob(pattern)))


def on_config(config, **kwargs: object):
    """The theme's environment lists its templates without walking the folders whose names start with a dot.

    MkDocs finds the theme's static files (add_files_from_theme) by listing every file of the theme's
    folders and then dropping, among others, everything under a dot-folder ('.*', '*/.*'). Material keeps
    its 14,300 icons in .icons/: walking them was 45 ms of a 75 ms MkDocs run with nothing to write again.
    The list is the same (tests/test_theme_files.py); templates are still loaded from any folder."""
    make_env = config.theme.get_env

    def get_env():
        env = make_env()
        env.loader.list_templates = functools.partial(_templates_outside_dot_folders, env.loader)
        return env

    config.theme.get_env = get_env
    return config


def _templates_outside_dot_folders(loader) -> list[str]:
    """What jinja2's FileSystemLoader.list_templates gives, less every path with a part starting with a dot."""
    found = set()
    for root in loader.searchpath:
        for folder, subfolders, names in os.walk(root, followlinks=loader.followlinks):
            subfolders[:] = [name for name in subfolders if not name.startswith(".")]
            relative = Path(folder).relative_to(root)
            found.update((relative / name).as_posix() for name in names if not name.startswith("."))
    return sorted(found)


def on_env(env, config, files, **kwargs: object):
    """Material's templates compiled once and kept, not compiled again by every MkDocs process."""
    if (folder := _kept_in("templates")) is not None:
        keep_compiled(env, folder)
    return env


def on_post_page(output: str, config, **kwargs: object) -> str:
    output = _shared_assets(_without_toggle_autocomplete(output), config)
    if _BUNDLE.search(output) is None:  # the home and product pages (overrides/main.html)
        output = _inline_css(output, config)
    return _deferred_bundle(output)


def on_post_template(output_content: str, config, **kwargs: object) -> str:  # static pages: 404.html
    return _deferred_bundle(_shared_assets(_without_toggle_autocomplete(output_content), config))


def on_post_build(config, **kwargs: object) -> None:
    if config.extra.get("shared_assets"):
        shutil.rmtree(Path(config.site_dir) / "assets", ignore_errors=True)
