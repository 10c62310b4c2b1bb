"""Pages outside MkDocs that keep printed addresses working.

- /P/<CODE>/ (and the alias /p/<code>/): the QR landing stub, which sends the visitor to the
  product page in their browser's language;
- /products/<old-slug>/ and /en/products/<old-slug>/: redirects left behind by a renamed product;
- /qr/codes.json: every code this site answers, so the next build can tell if a ledger entry
  was lost;
- the host configurations that answer /P/<CODE> with one redirect on the server (hosting.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from ocop_site.files import DamagedFile, read_json
from ocop_site.model.catalog import Catalog
from ocop_site.targets.site import urls
from ocop_site.targets.site.hosting import hosting_files
from ocop_site.targets.site.renderer import environment

CODES_FILE = "qr/codes.json"


def stub_files(catalog: Catalog) -> dict[str, str]:
    """Site path → text of every stub, redirect and the codes file."""
    files: dict[str, str] = {}
    env = environment()
    stub, redirect = env.get_template("stub.html.j2"), env.get_template("redirect.html.j2")
    base = catalog.site.site_url.rstrip("/") + "/"
    for code, slug in catalog.codes.routes.items():
        product = catalog.products[slug]
        page = urls.product_page(slug)
        html = stub.render(names=product.record.name, canonical=base + page,
                           vi_href="../../" + page, en_href="../../en/" + page)
        for folder in (f"P/{code}", f"p/{code.lower()}"):
            files[f"{folder}/index.html"] = html
    for old, slug in catalog.codes.redirects.items():
        product = catalog.products[slug]
        for language, prefix in urls.LANGUAGE_PREFIX.items():
            old_page, page = urls.product_page(old), urls.product_page(slug)
            html = redirect.render(lang=language, name=product.name(language), canonical=base + prefix + page,
                                   href=urls.relative(old_page, page))
            files[f"{prefix}{old_page}index.html"] = html
    files.update(hosting_files(catalog))
    files[CODES_FILE] = json.dumps(dict(sorted(catalog.codes.routes.items())), indent=1) + "\n"
    return files


def published_codes(site: Path) -> dict[str, str]:
    """The codes a previously built site answers ({} when there is none); DamagedFile when the file is
    there but unreadable: the caller's check must not quietly pass."""
    path = site / CODES_FILE
    codes = read_json(path)
    if codes is None:
        return {}
    if not isinstance(codes, dict) or not all(isinstance(v, str) for v in codes.values()):
        raise DamagedFile(path, "not a table of codes and products")
    return codes
