"""Server configurations for the hosts a province would use (docs/deployment.md): each answers a
scanned `/P/<CODE>` with one redirect to the product page in the visitor's language, read from the
remembered choice (the `nf_lang` cookie that assets/ocop.js sets with the language switch) or else
from `Accept-Language` (Vietnamese for vi*, English for every other language). The JavaScript
stub under P/<CODE>/ stays as the fallback for hosts that cannot do this.

- `_redirects` and `_headers` at the site root: static hosts that read them (Netlify reads the
  Language condition and the nf_lang cookie; hosts without language conditions serve the stub);
- `hosting/nginx.conf` and `hosting/Caddyfile`: snippets to include in the server's own config.
"""

from __future__ import annotations

import functools
from urllib.parse import urlsplit

import jinja2

from ocop_site.model.catalog import Catalog
from ocop_site.targets.site import urls

COOKIE = "nf_lang"  # the name Netlify reads; nginx and Caddy read the same cookie
HOSTING_FILES = {"_redirects": "_redirects.j2", "_headers": "_headers.j2",
                 "hosting/nginx.conf": "nginx.conf.j2", "hosting/Caddyfile": "Caddyfile.j2"}


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("ocop_site.targets.site", "hosting"),
                              autoescape=False, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def hosting_files(catalog: Catalog) -> dict[str, str]:
    """Site path → text of each host configuration."""
    prefix = urlsplit(catalog.site.site_url).path.rstrip("/")  # "" or e.g. "/ocop" for a sub-path
    routes = []
    for code, slug in sorted(catalog.codes.routes.items()):
        for stub in (f"P/{code}", f"p/{code.lower()}"):
            routes.append((f"{prefix}/{stub}", urls.product_page(slug)))
    context = {"prefix": prefix, "routes": routes, "cookie": COOKIE}
    env = _environment()
    return {path: env.get_template(template).render(**context) for path, template in HOSTING_FILES.items()}
