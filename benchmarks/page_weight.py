"""A page's first load on a phone, measured in real headless Chromium.

The built site is served from 127.0.0.1 by Python's http.server, which sends files as they are
(no compression). Chromium opens the page on a 360×800 screen at device pixel ratio 1 (so the
responsive hero picks its 480 px rendition) and waits until the network is idle; every response
is recorded. For each one we count:

- raw: the body as served here, uncompressed;
- gzip: the body as a static host with gzip on (nginx, GitHub Pages, most CDNs) would send it:
  text types (HTML, CSS, JS, JSON, SVG, XML) gzip-compressed at level 6, everything else (images,
  WOFF2 fonts, already compressed) as is.

HTTP headers are not counted (a few hundred bytes a response).
"""

from __future__ import annotations

import functools
import gzip
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]
PHONE = {"width": 360, "height": 800}
TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@dataclass(frozen=True)
class Transfer:
    url: str
    kind: str  # html, css, js, font, image, search index, data, other
    raw: int
    gzip: int


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(site: Path) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) for the duration of the block; yields the origin."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def first_load(site: Path, path: str) -> list[Transfer]:
    """Everything a phone downloads when it opens `path` (e.g. /products/x/) on a fresh visit."""
    from playwright.sync_api import sync_playwright

    transfers: list[Transfer] = []
    with serve(site) as origin, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, device_scale_factor=1, is_mobile=True, has_touch=True)

            def on_finished(request) -> None:
                response = request.response()
                if response is None or request.url.startswith(("data:", "blob:")):
                    return
                body = response.body()
                kind = _kind(request.url, response.headers.get("content-type", ""))
                compressible = response.headers.get("content-type", "").startswith(TEXT_TYPES)
                transfers.append(Transfer(url=request.url.removeprefix(origin), kind=kind, raw=len(body),
                                          gzip=len(gzip.compress(body, 6, mtime=0)) if compressible else len(body)))

            context.on("requestfinished", on_finished)
            page = context.new_page()
            page.goto(origin + path, wait_until="networkidle")
            page.wait_for_timeout(500)  # late requests (a search worker's index) count too
            context.close()
        finally:
            browser.close()
    return transfers


def _kind(url: str, content_type: str) -> str:
    path = urlsplit(url).path
    if content_type.startswith("text/html"):
        return "html"
    if path.endswith(".css"):
        return "css"
    if path.endswith(".js"):
        return "js"
    if path.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "font"
    if content_type.startswith("image/"):
        return "image"
    if path.endswith("search_index.json"):
        return "search index"
    if content_type.startswith("application/json"):
        return "data"
    return "other"


def summary(transfers: list[Transfer]) -> dict[str, dict[str, int]]:
    """Totals per kind and overall: {"html": {"raw": …, "gzip": …, "files": …}, …, "total": {…}}."""
    totals: dict[str, dict[str, int]] = {}
    for transfer in transfers:
        for key in (transfer.kind, "total"):
            entry = totals.setdefault(key, {"raw": 0, "gzip": 0, "files": 0})
            entry["raw"] += transfer.raw
            entry["gzip"] += transfer.gzip
            entry["files"] += 1
    return totals
