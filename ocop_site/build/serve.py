"""`ocop-site serve`: build, serve the site on 127.0.0.1, rebuild when content changes.

A content error is printed and the last good site keeps being served.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Changes(FileSystemEventHandler):
    def __init__(self) -> None:
        self.changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory:
            self.changed.set()


def serve(content_dir: Path, site_dir: Path, rebuild: Callable[[], None], host: str = "127.0.0.1",
          port: int = 8000, say: Callable[[str], None] = print) -> None:
    rebuild()
    handler = functools.partial(_Quiet, directory=str(site_dir))
    server = ThreadingHTTPServer((host, port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    changes = _Changes()
    observer = Observer()
    observer.schedule(changes, str(content_dir), recursive=True)
    observer.start()
    say(f"Serving http://{host}:{port}/ (English: /en/) — watching {content_dir}; Ctrl+C to stop")
    try:
        while True:
            changes.changed.wait()
            time.sleep(0.3)  # let an editor finish saving several files
            changes.changed.clear()
            say("Change detected, rebuilding …")
            rebuild()
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        observer.stop()
        server.shutdown()
