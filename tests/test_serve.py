"""`ocop-site serve`: a real preview server that rebuilds when a content file changes."""

from __future__ import annotations

import datetime as dt
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import edit
from content_factory import write_content, write_photo
from external_tools import launch_chromium

from ocop_site.pipeline.builder import build
from ocop_site.pipeline.livereload import ENDPOINT


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


KEPT = "The preview still shows the last good build."


class _Output:
    """A server's merged stdout and stderr, collected line by line as it comes, so that a test can
    wait for what the server says instead of sleeping."""

    def __init__(self, server: subprocess.Popen) -> None:
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, args=(server,), daemon=True)
        self._reader.start()

    def _read(self, server: subprocess.Popen) -> None:
        for line in iter(server.stdout.readline, ""):
            self.lines.append(line)

    def count(self, text: str) -> int:
        return sum(text in line for line in list(self.lines))

    def until_closed(self) -> str:
        """Everything the server said, once it has exited and its output is read to the end."""
        self._reader.join(timeout=30)
        return "".join(self.lines)


def test_serve_rebuilds_when_a_story_changes(tmp_path: Path):
    content = write_content(tmp_path / "content", count=2)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/en/products/product-000/"
    server = subprocess.Popen(
        [sys.executable, "-m", "ocop_site", "serve", "--content", str(content), "--out", str(tmp_path / "out"),
         "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    said = _Output(server)
    try:
        assert _wait_for(lambda: "Sugar cane grows" in (_fetch(url) or "")), "the preview never came up"
        edit(content / "stories" / "product-000.en.md", "Sugar cane grows", "Sweet cane grows")
        assert _wait_for(lambda: "Sweet cane grows" in (_fetch(url) or "")), "the change was not rebuilt"
        edit(content / "products" / "product-000.yaml", "stars: 3", "stars: 8")
        assert _wait_for(lambda: said.count(KEPT) == 1), "the content error was not reported"
        assert "Sweet cane grows" in (_fetch(url) or ""), "a content error must keep the last good build"
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = said.until_closed()
    assert f"Serving http://127.0.0.1:{port}/" in output
    assert "'stars' must be 3, 4 or 5, got 8" in output
    assert "The preview still shows the last good build." in output


def _start_serve(content: Path, out: Path, port: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ocop_site", "serve", "--content", str(content), "--out", str(out),
         "--port", str(port), "--today", "2026-11-22"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _poll(port: int, since: int) -> int:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{ENDPOINT}?since={since}", timeout=60) as response:
        return int(response.read())


@pytest.mark.usefixtures("chromium")
def test_a_save_reloads_the_open_page_and_an_error_does_not(tmp_path: Path):
    from playwright.sync_api import expect, sync_playwright

    content = write_content(tmp_path / "content", count=2)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/en/products/product-000/"
    server = _start_serve(content, tmp_path / "out", port)
    said = _Output(server)
    try:
        assert _wait_for(lambda: "Sugar cane grows" in (_fetch(url) or "")), "the preview never came up"
        served = BeautifulSoup(_fetch(url) or "", "html.parser")
        built = BeautifulSoup((tmp_path / "out/site/en/products/product-000/index.html").read_text("utf-8"),
                              "html.parser")
        assert [s for s in served.select("body > script") if ENDPOINT in s.text], "no reload script served"
        assert not [s for s in built.select("script") if ENDPOINT in s.text], "the built page must not reload"
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            try:
                page = browser.new_page()
                page.goto(url)
                page.evaluate("window.before_the_save = true")
                edit(content / "stories" / "product-000.en.md", "Sugar cane grows", "Sweet cane grows")
                expect(page.locator("article")).to_contain_text("Sweet cane grows", timeout=60_000)
                assert page.evaluate("window.before_the_save === undefined"), "the page was not reloaded"
            finally:
                browser.close()
        seen = _poll(port, -1)
        edit(content / "products" / "product-000.yaml", "stars: 3", "stars: 8")
        assert _wait_for(lambda: said.count(KEPT) == 1), "the content error was not reported"
        # the failed build is over: the build number open pages wait on must be the one they have
        assert _poll(port, -1) == seen, "a content error must not reload the pages"
    finally:
        server.terminate()
        server.wait(timeout=30)
    output = said.until_closed()
    assert "Changed: stories/product-000.en.md — rebuilding …" in output
    assert "Preview builds skip printables, QR artwork and share cards: 'ocop-site build' rebuilds them." in output
    assert re.search(r"Preview 1 ready \d+\.\d s after the save; open pages reload\.", output)
    assert "Preview 2 ready" not in output
    assert "'stars' must be 3, 4 or 5, got 8" in output


def test_a_preview_build_keeps_the_last_printables_artwork_and_share_cards(built_content: Path):
    content, out = built_content, Path("out")  # two products built: a copy of one build (tests/conftest.py)
    site = out / "site"
    slow = {path: path.read_bytes() for prefix in ("print", "qr", "share") for path in (site / prefix).rglob("*")
            if path.is_file()}
    assert any("/print/" in path.as_posix() for path in slow) and any("/share/" in path.as_posix() for path in slow)
    edit(content / "stories" / "product-000.en.md", "Sugar cane grows", "Sweet cane grows")
    said: list[str] = []
    build(content, out, today=dt.date(2026, 11, 22), progress=said.append, preview=True)
    assert "Sweet cane grows" in (site / "en/products/product-000/index.html").read_text("utf-8")
    assert {path: path.read_bytes() for path in slow if path.is_file()} == slow  # all still there, unchanged
    assert not [line for line in said if line.startswith(("Printables", "QR artwork", "Share cards"))], said


def test_serve_never_exits_on_what_a_save_can_bring(tmp_path: Path):
    """A truncated photo and a YAML complex key (issue 14): each is told, the last good build stays served."""
    import threading

    content = write_content(tmp_path / "content", count=2)
    port = _free_port()
    url = f"http://127.0.0.1:{port}/en/products/product-000/"
    server = _start_serve(content, tmp_path / "out", port)
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(iter(server.stdout.readline, "")), daemon=True).start()

    def told(times: int) -> bool:
        return sum("The preview still shows the last good build." in line for line in lines) >= times

    try:
        assert _wait_for(lambda: "Sugar cane grows" in (_fetch(url) or "")), "the preview never came up"
        photo = content / "media" / "product-000" / "hero.jpg"
        whole = photo.read_bytes()
        photo.write_bytes(whole[: len(whole) // 2])  # a copy that stopped half-way
        assert _wait_for(lambda: told(1)), "".join(lines)
        record = content / "products" / "product-001.yaml"
        good = record.read_text(encoding="utf-8")
        record.write_text(good + "? [đường, phổi]\n: ngọt\n", encoding="utf-8")
        assert _wait_for(lambda: told(2)), "".join(lines)
        assert server.poll() is None, "".join(lines)
        assert "Sugar cane grows" in (_fetch(url) or "")
        photo.write_bytes(whole)
        record.write_text(good, encoding="utf-8")
        edit(content / "stories" / "product-000.en.md", "Sugar cane grows", "Sweet cane grows")
        assert _wait_for(lambda: "Sweet cane grows" in (_fetch(url) or "")), "".join(lines)
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert "Traceback" not in "".join(lines)


def _read_until(server: subprocess.Popen, line: str, seen: list[str]) -> None:
    """Read the server's output until `line` comes (a bound for a slow machine, not a timing window)."""
    while True:
        got = server.stdout.readline()
        assert got, f"serve ended before {line!r}:\n{''.join(seen)}"
        seen.append(got)
        if line in got:
            return


def test_serve_reports_what_validate_reports_warnings_and_errors(tmp_path: Path):
    """One check (README): the preview prints validate's warnings (a photo too small to print among them,
    though a preview makes no printables), and with an error its warnings too."""
    content = write_content(tmp_path / "content", count=2)
    edit(content / "stories" / "product-000.vi.md", "Mía được trồng", "<b>Mía</b> được trồng")  # a warning
    write_photo(content / "media" / "product-001" / "hero.jpg", (600, 400))  # and three more

    def validate() -> list[str]:
        done = subprocess.run([sys.executable, "-m", "ocop_site", "validate", "--content", str(content),
                               "--today", "2026-11-22"], capture_output=True, text=True)
        return done.stderr.splitlines()

    warnings = validate()
    assert warnings[0] == f"warning: {content}/products/product-001.yaml:28: photo {content}/media/product-001/" \
        "hero.jpg is 600 px wide; the A4 brochure prints it 147 mm wide, which needs 1447 px at 250 ppi"
    assert warnings[-2].startswith(f"warning: {content}/stories/product-000.vi.md:")
    assert warnings[-2].endswith(": raw HTML in a story is shown as text, not as markup")
    assert len(warnings) == 8  # three photo warnings and the story's, each with its Fix line
    port = _free_port()
    server = _start_serve(content, tmp_path / "out", port)
    seen: list[str] = []
    try:
        _read_until(server, f"Serving http://127.0.0.1:{port}/", seen)
        assert [line.rstrip("\n") for line in seen if line.startswith(("warning: ", "  Fix: "))] == warnings
        edit(content / "products" / "product-001.yaml", "stars: 4", "stars: 8")  # an error besides the warning
        expected = validate()
        assert expected[-1] == "1 error"
        start = len(seen)
        _read_until(server, "The preview still shows the last good build.", seen)
        assert [line.rstrip("\n") for line in seen[start:-1]][-len(expected):] == expected
    finally:
        server.terminate()
        server.communicate(timeout=30)
