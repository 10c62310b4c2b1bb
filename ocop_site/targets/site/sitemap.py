"""sitemap.xml for the whole site, with each page's language alternates, and robots.txt.

MkDocs writes one sitemap per language build without alternates; this one replaces them. It
carries no dates, so an unchanged site gives an unchanged sitemap.
"""

from __future__ import annotations

from xml.sax.saxutils import quoteattr

SITEMAP_NAMES = ("sitemap.xml", "sitemap.xml.gz", "en/sitemap.xml", "en/sitemap.xml.gz")


def site_index_files(site_url: str, page_files: list[str]) -> dict[str, str]:
    """sitemap.xml and robots.txt from the paths of the Material pages (…/index.html) of both languages."""
    base = site_url.rstrip("/") + "/"
    pages = {path.removesuffix("index.html") for path in page_files}
    entries = []
    for page in sorted(p for p in pages if not p.startswith("en/")):
        english = "en/" + page
        alternates = {"vi": base + page, **({"en": base + english} if english in pages else {})}
        for url in alternates.values():
            links = "".join(f"\n    <xhtml:link rel=\"alternate\" hreflang=\"{lang}\" href={quoteattr(href)}/>"
                            for lang, href in [*alternates.items(), ("x-default", alternates["vi"])])
            entries.append(f"  <url>\n    <loc>{url}</loc>{links}\n  </url>")
    sitemap = ('<?xml version="1.0" encoding="UTF-8"?>\n'
               '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")
    # QR stubs are not blocked: they say noindex themselves, and a crawler must fetch them to see it
    robots = f"User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n"
    return {"sitemap.xml": sitemap, "robots.txt": robots}
