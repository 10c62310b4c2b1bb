"""The search index: Pagefind reads the built product pages of one language and writes a chunked
index under its pagefind/ folder, so a phone downloads only the few small files a query needs.

Material's own search would send one index of several megabytes at province scale.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

from ocop_site.processes import die_with_parent

# What a search result is made from: the article of each product page, without the related-product
# cards and the downloads for producers (they would make every product match its neighbours' names),
# nor the share buttons and map lists (words of the interface, not of the product). Diacritics are
# handled at query time (assets/search.js): exact when typed, folded when not, đ tried for d.
ARGUMENTS = ["--output-subdir", "pagefind", "--root-selector", "article", "--glob", "products/**/*.html",
             "--exclude-selectors", ".ocop-cards, .ocop-producers, figcaption, .ocop-share, .ocop-map",
             "--quiet"]
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


class SearchIndexError(Exception):
    """Pagefind failed on generated pages: a generator bug, not a content error."""


def index_site(site: Path) -> None:
    """(Re)write `site`/pagefind for the product pages below `site`."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)  # no fragment of an older index may linger
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), *ARGUMENTS],
                          capture_output=True, text=True,
                          preexec_fn=functools.partial(die_with_parent, os.getpid()))  # dies with a killed build
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site}:\n{done.stdout}{done.stderr}")
    for name in UNUSED:  # the site has its own small search page (assets/search.js)
        (site / "pagefind" / name).unlink(missing_ok=True)
