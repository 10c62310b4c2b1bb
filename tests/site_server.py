"""A built site served from 127.0.0.1, as a static host would serve it.

With `gzip=True` the server speaks HTTP/1.1 with keep-alive and sends text files (HTML, CSS, JS,
JSON, SVG, XML) gzip-compressed to clients that accept it, as nginx, GitHub Pages and CDNs do;
Lighthouse's simulated network then sees the connections and bytes a real visitor would have.
"""

from __future__ import annotations

import functools
import gzip as gzip_module
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # keep pytest output readable
        pass


class GzipHandler(QuietHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real host

    def do_GET(self) -> None:
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.endswith(COMPRESSIBLE) and os.path.isfile(path)):
            super().do_GET()
            return
        body = gzip_module.compress(Path(path).read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:  # a browser that hangs up early is no error
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(site: Path, gzip: bool = False) -> Iterator[str]:
    """Serve `site` on 127.0.0.1 (a free port) inside the block; yields the origin."""
    handler = GzipHandler if gzip else QuietHandler
    server = _Server(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@contextmanager
def switchable(site: Path, online: Callable[[], bool]) -> Iterator[str]:
    """Serve `site` while `online()`; otherwise every connection closes unanswered, as when a fair
    hall's wifi is down. Answers are `no-store`: only a service worker may keep a copy."""

    class Handler(QuietHandler):
        def handle_one_request(self) -> None:
            if online():
                super().handle_one_request()
            else:
                self.close_connection = True

        def end_headers(self) -> None:
            self.send_header("Cache-Control", "no-store")
            super().end_headers()

    server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="switchable-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
