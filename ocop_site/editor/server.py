"""`ocop-site edit`: the form editor (Decap CMS) and its local backend, on 127.0.0.1 only.

Everything the page loads comes from this server: the admin page, the configuration generated from
the schema, Decap CMS itself (vendored in `vendor/`, gzip-compressed, see vendor/README.md), and the
content's photos for the previews. No node, no account, no hosted service.

The server stays closed to other pages the editor's browser visits:
- `Host` must be `127.0.0.1:<port>` or `localhost:<port>` (a DNS-rebinding page sends its own name),
  and `Origin`, when sent, the same address;
- every API call carries the session token, made at start and written only into the admin page this
  server sends (a page of another site cannot read it), compared in constant time;
- a request is at most 28 MB (one photo of 20 MB, base64-encoded), and every malformed request gets a
  4xx JSON answer, never a closed connection.

Its answers speak the editor's language: a refusal of an API call is Vietnamese when the request asks
for it (the form's script sends `Accept-Language: vi`) and English for other clients (scripts, with the
HTTP parser's own words where it refused); a page the browser asks for and the editor does not have is
a Vietnamese page, as the form is Vietnamese-only.
"""

from __future__ import annotations

import contextlib
import gzip
import hmac
import html
import json
import re
import secrets
import socket
import sys
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from ocop_site.editor.backend import LocalBackend
from ocop_site.editor.config import API_PATH, both, cms_config
from ocop_site.editor.errors import BackendError
from ocop_site.editor.page_words import page_words_json
from ocop_site.i18n import N_, t

ADMIN = "/admin/"
TOKEN_HEADER = "X-OCOP-Editor-Token"
TOKEN_SLOT = "__OCOP_EDITOR_TOKEN__"  # in admin/index.html, like the words' slots below
FORM_SCRIPT = "form.js"  # the page's own script: Vietnamese phrases, problems beside their fields
MAX_BODY = 28 * 1024 * 1024
_PACKAGE = resources.files("ocop_site.editor")
_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}
_LINGER_BYTES = 256 * 1024 * 1024  # read and dropped after an answer, so the client sees the answer, not a reset
_LINGER_SECONDS = 5.0
# what the HTTP parser's refusals are called in Vietnamese, by status; its own English words follow in parentheses
_REFUSALS = {HTTPStatus.BAD_REQUEST: N_("editor_http_bad_request"),
             HTTPStatus.REQUEST_URI_TOO_LONG: N_("editor_http_uri_too_long"),
             HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE: N_("editor_http_headers_too_large"),
             HTTPStatus.NOT_IMPLEMENTED: N_("editor_http_method"),
             HTTPStatus.HTTP_VERSION_NOT_SUPPORTED: N_("editor_http_version")}
_HEADERS = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
            "Content-Security-Policy": "frame-ancestors 'none'", "Referrer-Policy": "no-referrer"}


class _EditorHandler(BaseHTTPRequestHandler):
    backend: LocalBackend
    token: str
    timeout = 30  # seconds a client may take to send its request
    default_request_version = "HTTP/1.0"  # so that even an answer to a garbled request line has a status line

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        with contextlib.suppress(ConnectionError):  # the page was closed before its answer was sent
            super().handle()

    def do_GET(self) -> None:
        if not self._addressed_to_us():
            return
        path = unquote(urlsplit(self.path).path)
        if path in ("/", "/admin"):
            self._redirect(ADMIN)
        elif path == ADMIN:
            self._send(_admin_page(self.token).encode("utf-8"), "text/html; charset=utf-8")
        elif path == ADMIN + "config.yml":
            text = yaml.safe_dump(cms_config(), allow_unicode=True, sort_keys=False, width=1000)
            self._send(text.encode("utf-8"), "text/yaml; charset=utf-8")
        elif path == ADMIN + FORM_SCRIPT:
            script = _PACKAGE.joinpath("admin", FORM_SCRIPT).read_bytes()
            self._send(script, "text/javascript; charset=utf-8")
        elif path.startswith(ADMIN) and path.endswith(".js") and "/" not in path[len(ADMIN):]:
            self._send_vendored(path[len(ADMIN):])
        elif path.startswith("/media/"):
            self._send_media(path[1:])
        else:
            self._not_found(path)

    def do_POST(self) -> None:
        try:
            request = self._api_request()
            if request is None:
                return
            answer = self.backend.handle(request)
        except BackendError as error:
            self._fail(error.status, error.text(self._language()), error.details)
            return
        except Exception:  # a bug of the editor: answer, and leave the details in its terminal
            traceback.print_exc(file=sys.stderr)
            self._fail(HTTPStatus.INTERNAL_SERVER_ERROR, BackendError(
                500, "the editor failed on this request; nothing was written. Its terminal shows the details for "
                "the site's maintainers").text(self._language()))
            return
        self._send(json.dumps(answer, ensure_ascii=False).encode("utf-8"), "application/json; charset=utf-8")

    def _api_request(self) -> Any:
        """The JSON request of an API call, after every check; None when an answer was sent already."""
        if not self._addressed_to_us():
            return None
        if urlsplit(self.path).path != API_PATH:
            raise BackendError(HTTPStatus.NOT_FOUND, "not found")
        given = self.headers.get(TOKEN_HEADER, "").encode("latin-1", "replace")
        if not hmac.compare_digest(given, self.token.encode("ascii")):
            raise BackendError(HTTPStatus.FORBIDDEN, "this request does not come from the editor's page: "
                               "open the address 'ocop-site edit' printed, or reload the page if the editor "
                               "was restarted")
        if self.headers.get_content_type() != "application/json":
            raise BackendError(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send JSON (Content-Type: application/json)")
        length = self._length()
        try:
            body = self.rfile.read(length)
        except OSError:  # the client stopped sending (a timeout): answer, the connection may still be open
            body = b""
        if len(body) != length:
            raise BackendError(HTTPStatus.BAD_REQUEST, "the request body ended after {got} of its {length} bytes",
                               got=len(body), length=length)
        try:
            return json.loads(body)
        except (UnicodeDecodeError, ValueError) as error:
            raise BackendError(HTTPStatus.BAD_REQUEST, "the request is not valid JSON: {error}", error=error) from None
        except RecursionError:
            raise BackendError(HTTPStatus.BAD_REQUEST, "the request is not valid JSON: nested too deep") from None

    def _length(self) -> int:
        if self.headers.get("Transfer-Encoding"):
            raise BackendError(HTTPStatus.LENGTH_REQUIRED, "send the request with a Content-Length, not in chunks")
        declared = self.headers.get_all("Content-Length") or []
        if not declared:
            raise BackendError(HTTPStatus.LENGTH_REQUIRED, "the request has no Content-Length")
        if len(set(declared)) > 1 or not re.fullmatch(r"[0-9]{1,20}", declared[0].strip()):
            raise BackendError(HTTPStatus.BAD_REQUEST, "bad Content-Length: {length}", length=", ".join(declared)[:40])
        length = int(declared[0])
        if length > MAX_BODY:
            raise BackendError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                               "the request is larger than {mb} MB: photos may be at most 20 MB", mb=MAX_BODY // 2**20)
        return length

    def _addressed_to_us(self) -> bool:
        """Refuse (403) a request for another host name or from another site's page."""
        port = self.server.server_address[1]
        allowed = {f"127.0.0.1:{port}", f"localhost:{port}"}
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or hosts[0].lower() not in allowed:
            self._fail(HTTPStatus.FORBIDDEN, BackendError(
                403, "the editor answers only at http://127.0.0.1:{port}/ and http://localhost:{port}/, not at "
                "'{host}'", port=port, host=", ".join(hosts)[:100]).text(self._language()))
            return False
        origin = self.headers.get("Origin")
        if origin is not None and origin.lower() != f"http://{hosts[0].lower()}":
            self._fail(HTTPStatus.FORBIDDEN, BackendError(403, "requests from other sites are refused").text(
                self._language()))
            return False
        return True

    def handle_one_request(self) -> None:
        self.headers = None  # type: ignore[assignment]  # a refusal before this request's headers has no language
        super().handle_one_request()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """The answer to a request the HTTP parser refuses (bad request line, headers too long, a method other
        than GET and POST…), as JSON: in Vietnamese when the request asked for it, the parser's words after."""
        self.close_connection = True
        detail = message or HTTPStatus(code).phrase
        key = _REFUSALS.get(code, N_("editor_http_refused"))
        with contextlib.suppress(OSError, ValueError):  # the client is gone
            self._fail(code, t(key, self._language(), detail=detail))

    def _not_found(self, path: str) -> None:
        """404 for a GET: a page, in Vietnamese, that leads back to the form (a browser shows it)."""
        title = t("editor_not_found_title", "vi")
        said = t("editor_not_found", "vi", path=path[:200])
        page = (f'<!doctype html>\n<html lang="vi">\n<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n'
                "<style>body { font: 1.1rem/1.5 system-ui, sans-serif; margin: 2rem; }</style>\n"
                f"<h1>{html.escape(title)}</h1>\n<p>{html.escape(said)}</p>\n"
                f'<p><a href="{ADMIN}">{html.escape(t("editor_back_to_form", "vi"))}</a></p>\n')
        self._send(page.encode("utf-8"), "text/html; charset=utf-8", status=HTTPStatus.NOT_FOUND)

    def _send_vendored(self, name: str) -> None:
        packed = _PACKAGE.joinpath("vendor", name + ".gz")
        if not packed.is_file():
            self._not_found(ADMIN + name)
            return
        body = packed.read_bytes()
        if "gzip" in self.headers.get("Accept-Encoding", ""):
            self._send(body, "text/javascript; charset=utf-8", {"Content-Encoding": "gzip",
                                                               "Cache-Control": "max-age=86400"})
        else:
            self._send(gzip.decompress(body), "text/javascript; charset=utf-8")

    def _send_media(self, relative: str) -> None:
        try:
            media = (self.backend.root / "media").resolve()
            path = self.backend.root / relative
            if not path.resolve().is_relative_to(media) or path.suffix.lower() not in _TYPES:
                raise FileNotFoundError(relative)
            self._send(path.read_bytes(), _TYPES[path.suffix.lower()])
        except (OSError, ValueError):
            self._not_found("/" + relative)

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _language(self) -> str:
        """The language of a refusal: Vietnamese for the form's page (it asks with Accept-Language: vi),
        English for any other client of the API and when the request's headers could not be read."""
        headers = getattr(self, "headers", None)
        asked = headers.get("Accept-Language", "") if headers is not None else ""
        return "vi" if asked.strip().lower().startswith("vi") else "en"

    def _fail(self, status: int, message: str, details: dict[str, Any] | None = None) -> None:
        self._send(json.dumps({"error": message, **(details or {})}, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8", status=status)

    def _send(self, body: bytes, content_type: str, headers: dict[str, str] | None = None,
              status: int = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in {**_HEADERS, **(headers or {})}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


class _EditorServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # the default 5 resets connections when a page opens many at once

    def shutdown_request(self, request: Any) -> None:
        """Close gently: after the answer, read what the client still sends (a refused upload) before
        closing, or the kernel would reset the connection and the client would never see the answer."""
        try:
            request.shutdown(socket.SHUT_WR)
            _drain(request)
        except OSError:
            pass
        self.close_request(request)


def _admin_page(token: str) -> str:
    """admin/index.html with the session's token and its words from the message catalogue."""
    page = _PACKAGE.joinpath("admin/index.html").read_text(encoding="utf-8")
    for slot, text in (("__OCOP_EDITOR_TITLE__", html.escape(both(N_("editor_page_title")))),
                       ("__OCOP_EDITOR_NEEDS_SCRIPT__", html.escape(both(N_("editor_page_needs_script")))),
                       ("__OCOP_EDITOR_WORDS__", page_words_json()), (TOKEN_SLOT, token)):
        page = page.replace(slot, text)
    return page


def _drain(connection: socket.socket) -> None:
    deadline, read = time.monotonic() + _LINGER_SECONDS, 0
    while read < _LINGER_BYTES and (left := deadline - time.monotonic()) > 0:
        connection.settimeout(min(left, 1.0))
        chunk = connection.recv(65536)
        if not chunk:
            return
        read += len(chunk)


def editor_server(content_dir: Path, host: str = "127.0.0.1", port: int = 8080) -> ThreadingHTTPServer:
    """The editor's HTTP server for `content_dir`, bound but not yet serving, with a new session token."""
    attributes: dict[str, Any] = {"backend": LocalBackend(content_dir), "token": secrets.token_urlsafe(32)}
    return _EditorServer((host, port), type("Handler", (_EditorHandler,), attributes))
