"""`ocop-site serve`: build, serve the site on 127.0.0.1, rebuild when content changes, reload open pages.

Saves come in bursts (an editor writes a temporary file, renames it, a story and its record are saved
together): changes are collected until the content folder has been quiet for QUIET_SECONDS, then one
preview build runs. The builder redoes only what changed; `rebuild` returns False on content errors,
which are printed while the last good site keeps being served and no page reloads.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ocop_site.pipeline.livereload import ENDPOINT, ReloadSignal, inject
from ocop_site.problems import ProgressLine

QUIET_SECONDS = 0.15
LONGEST_WAIT = 2.0  # rebuild after this long even if saves keep coming
_SCRATCH_SUFFIXES = ("~", ".swp", ".swx", ".tmp", ".part", ".crdownload")


class _PreviewHandler(SimpleHTTPRequestHandler):
    """Serves the site folder; HTML responses get the reload script, the reload endpoint long-polls."""

    signal: ReloadSignal

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a preview must never show a stale page
        super().end_headers()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path == ENDPOINT:
            self._answer_poll(url.query)
            return
        page = self._html_file()
        if page is None:
            super().do_GET()
            return
        body = inject(page.read_bytes(), self.signal.version)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _html_file(self) -> Path | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?", 1)[0].endswith("/"):
                return None  # the base class redirects to the address with a slash
            path = path / "index.html"
        return path if path.suffix == ".html" and path.is_file() else None

    def _answer_poll(self, query: str) -> None:
        try:
            seen = int(parse_qs(query).get("since", ["0"])[0])
        except ValueError:
            seen = 0
        body = str(self.signal.wait(seen)).encode("ascii")
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class _Changes(FileSystemEventHandler):
    """Content files saved since the last build, with the time of the first save."""

    def __init__(self, content_dir: Path) -> None:
        self.content_dir = content_dir.resolve()
        self.arrived = threading.Event()
        self._lock = threading.Lock()
        self._paths: set[str] = set()
        self._created: set[str] = set()  # a file both made and gone within one burst was a temporary one
        self._first = 0.0
        self._last = 0.0

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory or event.event_type in ("opened", "closed_no_write"):
            return
        names = [event.src_path, getattr(event, "dest_path", "")]
        paths = {self._relative(str(name)) for name in names if name}
        paths = {path for path in paths if path and not _scratch(path)}
        if not paths:
            return
        with self._lock:
            now = time.monotonic()
            if not self._paths:
                self._first = now
            self._paths |= paths
            if event.event_type == "created":
                self._created |= paths
            self._last = now
        self.arrived.set()

    def _relative(self, name: str) -> str:
        try:
            return Path(name).resolve().relative_to(self.content_dir).as_posix()
        except ValueError:
            return ""

    def settle(self) -> tuple[list[str], float]:
        """Wait for a quiet moment after the saves; return the changed paths and when the first came."""
        while True:
            with self._lock:
                now = time.monotonic()
                if now - self._last >= QUIET_SECONDS or now - self._first >= LONGEST_WAIT:
                    paths = sorted(path for path in self._paths
                                   if path not in self._created or (self.content_dir / path).exists())
                    first = self._first
                    self._paths.clear()
                    self._created.clear()
                    self.arrived.clear()
                    return paths, first
            time.sleep(0.05)


def _scratch(path: str) -> bool:
    """Editors' temporary and backup files: hidden ones, `x~`, `.x.swp`, `4913` (vim's write test)."""
    name = path.rsplit("/", 1)[-1]
    return name.startswith((".", "#")) or name.endswith(_SCRATCH_SUFFIXES) or name.isdigit()


def serve(content_dir: Path, site_dir: Path, rebuild: Callable[[], bool], host: str = "127.0.0.1",
          port: int = 8000, say: Callable[[str], None] = print) -> None:
    rebuild()
    # watching before serving: a save made as soon as the preview answers (a test's, an editor's) is not missed
    # (the first build itself writes the QR ledger, so the watch starts after it)
    changes = _Changes(content_dir)
    observer = Observer()
    observer.schedule(changes, str(content_dir), recursive=True)
    observer.start()  # the inotify watches are in place when it returns
    signal = ReloadSignal()
    handler = functools.partial(type("Handler", (_PreviewHandler,), {"signal": signal}), directory=str(site_dir))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(ProgressLine("Serving http://{host}:{port}/ (English: /en/) — watching {folder}; Ctrl+C to stop",
                     host=host, port=port, folder=content_dir))
    say(ProgressLine("Preview builds skip printables, QR artwork and share cards: 'ocop-site build' rebuilds them."))
    try:
        while True:
            changes.arrived.wait()
            paths, first = changes.settle()
            if not paths:
                continue
            say(ProgressLine("Changed: {paths} — rebuilding …", paths=", ".join(paths)))
            if rebuild():
                version = signal.bump()
                say(ProgressLine("Preview {version} ready {seconds} s after the save; open pages reload.",
                                 version=version, seconds=f"{time.monotonic() - first:.1f}"))
    except KeyboardInterrupt:
        say(ProgressLine("Stopped."))
    finally:
        observer.stop()
        server.shutdown()
