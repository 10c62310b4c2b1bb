"""`ocop-site serve`: a real preview server that rebuilds when a content file changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import edit
from content_factory import write_content


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(predicate, seconds: float = 60.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.3)
    return False


def test_serve_rebuilds_when_a_story_changes(tmp_path: Path):
    content = write_content(tmp_path / "content", count=2)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/en/products/product-000/"
    server = subprocess.Popen(
        [sys.executable, "-m", "ocop_site", "serve", "--content", str(content), "--out", str(tmp_path / "out"),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        assert _wait_for(lambda: "Sugar cane grows" in (_fetch(url) or "")), "the preview never came up"
        edit(content / "stories" / "product-000.en.md", "Sugar cane grows", "Sweet cane grows")
        assert _wait_for(lambda: "Sweet cane grows" in (_fetch(url) or "")), "the change was not rebuilt"
        edit(content / "products" / "product-000.yaml", "stars: 3", "stars: 8")
        time.sleep(3)
        assert "Sweet cane grows" in (_fetch(url) or ""), "a content error must keep the last good build"
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert f"Serving http://127.0.0.1:{port}/" in output
    assert "'stars' must be 3, 4 or 5, got 8" in output
    assert "The preview still shows the last good build." in output
