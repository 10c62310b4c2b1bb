"""`ocop-site edit`: the form editor (Decap CMS) and its local backend, on 127.0.0.1 only.

Everything the page loads comes from this server: the admin page, the configuration generated from
the schema, Decap CMS itself (vendored in `vendor/`, gzip-compressed, see vendor/README.md), and the
content's photos for the previews. No node, no account, no hosted service.
"""

from __future__ import annotations

import gzip
import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ocop_site.editor.backend import BackendError, LocalBackend
from ocop_site.editor.config import API_PATH, cms_config

ADMIN = "/admin/"
_PACKAGE = resources.files("ocop_site.editor")
_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


class _EditorHandler(BaseHTTPRequestHandler):
    backend: LocalBackend
    lock: threading.Lock  # one save at a time

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        if path in ("/", "/admin"):
            self._redirect(ADMIN)
        elif path == ADMIN:
            self._send(_PACKAGE.joinpath("admin/index.html").read_bytes(), "text/html; charset=utf-8")
        elif path == ADMIN + "config.yml":
            text = yaml.safe_dump(cms_config(), allow_unicode=True, sort_keys=False, width=1000)
            self._send(text.encode("utf-8"), "text/yaml; charset=utf-8")
        elif path.startswith(ADMIN) and path.endswith(".js") and "/" not in path[len(ADMIN):]:
            self._send_vendored(path[len(ADMIN):])
        elif path.startswith("/media/"):
            self._send_media(path[1:])
        else:
            self._fail(HTTPStatus.NOT_FOUND, "not found")

    def do_POST(self) -> None:
        if urlsplit(self.path).path != API_PATH:
            self._fail(HTTPStatus.NOT_FOUND, "not found")
            return
        origin = self.headers.get("Origin")
        if origin and origin.split("://", 1)[-1] != self.headers.get("Host"):
            self._fail(HTTPStatus.FORBIDDEN, "requests from other sites are refused")
            return
        if self.headers.get_content_type() != "application/json":
            self._fail(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON")
            return
        try:
            request = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
            with self.lock:
                answer = self.backend.handle(request)
        except BackendError as error:
            self._fail(error.status, str(error))
            return
        except (ValueError, KeyError, TypeError) as error:
            self._fail(HTTPStatus.BAD_REQUEST, f"bad request: {error!r}")
            return
        self._send(json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _send_vendored(self, name: str) -> None:
        packed = _PACKAGE.joinpath("vendor", name + ".gz")
        if not packed.is_file():
            self._fail(HTTPStatus.NOT_FOUND, "not found")
            return
        body = packed.read_bytes()
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            self._send(body, "text/javascript; charset=utf-8", {"Content-Encoding": "gzip",
                                                               "Cache-Control": "max-age=86400"})
        else:
            self._send(gzip.decompress(body), "text/javascript; charset=utf-8")

    def _send_media(self, relative: str) -> None:
        try:
            path = self.backend.root / relative
            if not path.resolve().is_relative_to(self.backend.root) or path.suffix.lower() not in _TYPES:
                raise FileNotFoundError(relative)
            self._send(path.read_bytes(), _TYPES[path.suffix.lower()])
        except OSError:
            self._fail(HTTPStatus.NOT_FOUND, "not found")

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _fail(self, status: int, message: str) -> None:
        self._send(json.dumps({"error": message}, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8", status=status)

    def _send(self, body: bytes, content_type: str, headers: dict[str, str] | None = None,
              status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {"Cache-Control": "no-store", **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def editor_server(content_dir: Path, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
    """The editor's HTTP server for `content_dir`, bound but not yet serving."""
    attributes: dict[str, Any] = {"backend": LocalBackend(content_dir), "lock": threading.Lock()}
    server = ThreadingHTTPServer((host, port), type("Handler", (_EditorHandler,), attributes))
    server.daemon_threads = True
    return server
