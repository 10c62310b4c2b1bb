"""The build's targets (issue 21): one interface, one ordered list, the preview set derived from it, and
no target silently replacing another's file. And the web part published first (issue 18): served from
OUT/site while the printables are still to be made."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import TODAY
from content_factory import write_product
from site_server import serve

from ocop_site.pipeline import publish, render
from ocop_site.pipeline.builder import build
from ocop_site.pipeline.checkpoint import PAUSE_SETTING
from ocop_site.pipeline.render import TARGETS, Rendering, TargetClash, named, parts, render_site
from ocop_site.pipeline.workspace import State
from ocop_site.problems import ProgressLine
from ocop_site.targets.target import RenderContext, Rendered, Target

REPO = Path(__file__).resolve().parent.parent


def test_the_targets_are_one_ordered_list_with_the_web_part_first():
    names = [target.name for target in TARGETS]
    assert names == ["pages", "photos", "videos", "stubs", "sitemap", "ledger", "search", "kiosk",
                     "qr-artwork", "share-cards", "press-kits", "printables", "trip-guides"]
    assert len(set(names)) == len(names)
    groups, skipped = parts(TARGETS, preview=False)  # the three publishes: pages, then search and kiosk, then print
    assert [[t.name for t in group] for group in groups] == [names[:6], names[6:8], names[8:]] and skipped == []
    groups, skipped = parts(TARGETS, preview=True)  # the preview set comes from the list alone
    assert [[t.name for t in group] for group in groups] == [
        ["pages", "photos", "videos", "stubs", "sitemap", "ledger"], ["kiosk"], ["press-kits"]]
    assert [t.name for t in skipped] == ["search", "qr-artwork", "share-cards", "printables", "trip-guides"]
    assert not hasattr(render, "PREVIEW_SKIPS")


def test_every_target_is_named_in_words_of_both_languages():
    """The progress lines list the parts of the site in the reader's words, never the targets' names."""
    assert set(render.TARGET_WORDS) == {target.name for target in TARGETS}
    skipped = parts(TARGETS, preview=True)[1]
    line = ProgressLine("Kept from the last build: {parts} ('ocop-site build' makes them)", parts=named(skipped))
    assert line == "Kept from the last build: search, QR artwork, share cards, printables, trip guides " \
                   "('ocop-site build' makes them)"
    assert line.text("vi") == "Giữ lại từ lần dựng trước: tìm kiếm, hình mã QR, thẻ chia sẻ, ấn phẩm in, cẩm nang " \
                              "hành trình (lệnh 'ocop-site build' sẽ làm các phần này)"
    also = ProgressLine("Also published: {site} shows this build's {parts} too ({files} files, {written} changed) in "
                        "{seconds} s; {rest} follow", site=Path("out/site"), parts=named(list(TARGETS[6:8])), files=12,
                        written=3, seconds="1.5", rest=named(list(TARGETS[8:10])))
    assert also.text("vi") == ("Đã xuất bản thêm: out/site hiển thị cả tìm kiếm, kiosk của lần dựng này (12 tệp, 3 tệp "
                               "thay đổi) sau 1.5 giây; tiếp theo là hình mã QR, thẻ chia sẻ")
    unnamed = ProgressLine("Kept from the last build: {parts} ('ocop-site build' makes them)",
                           parts=named([_target("bản-đồ")]))  # a new target without words shows its name
    assert unnamed.text("vi") == "Giữ lại từ lần dựng trước: bản-đồ (lệnh 'ocop-site build' sẽ làm các phần này)"


def _context(tmp_path: Path) -> RenderContext:
    return RenderContext(catalog=None, work=tmp_path, cache=None, progress=lambda message: None,  # type: ignore[arg-type]
                         state=State(tmp_path / "state.json"))


def _target(name: str, *paths: str) -> Target:
    def make(context: RenderContext) -> Rendered:
        files = {}
        for path in paths:
            file = context.work / name / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(f"{name}: Đặc khu Lý Sơn", encoding="utf-8")
            files[path] = file
        return Rendered(files, [f"{name} cảnh báo"])

    return Target(name, ("",), make)


def test_two_targets_making_one_path_is_an_error_naming_both(tmp_path):
    first, second = _target("tỏi-lý-sơn", "a/index.html", "đường/phổi.pdf"), _target("đường-phổi", "đường/phổi.pdf")
    with pytest.raises(TargetClash) as clash:
        render_site(_context(tmp_path), [first, second], Rendering())
    assert str(clash.value) == "the targets 'tỏi-lý-sơn' and 'đường-phổi' both produce the file 'đường/phổi.pdf'"
    # across the two parts of a build too
    rendering = render_site(_context(tmp_path), [first], Rendering())
    assert rendering.owners == {"a/index.html": "tỏi-lý-sơn", "đường/phổi.pdf": "tỏi-lý-sơn"}
    assert rendering.warnings == ["tỏi-lý-sơn cảnh báo"]
    with pytest.raises(TargetClash) as clash:
        render_site(_context(tmp_path), [second], rendering)
    assert str(clash.value) == "the targets 'tỏi-lý-sơn' and 'đường-phổi' both produce the file 'đường/phổi.pdf'"


def test_a_clash_of_targets_is_a_failure_of_the_generator_exit_3(content, cli, monkeypatch):
    def robots(context: RenderContext) -> Rendered:
        path = context.work / "thêm" / "robots.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("User-agent: *\n", encoding="utf-8")
        return Rendered({"robots.txt": path})

    extra = Target("thêm", ("robots.txt",), robots)
    monkeypatch.setattr("ocop_site.pipeline.builder.TARGETS", (*TARGETS[:6], extra, *TARGETS[6:]))
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 3
    assert err == ("ocop-site: the generator failed (TargetClash: the targets 'sitemap' and 'thêm' both produce the "
                   "file 'robots.txt'). This is a fault of ocop-site or of a program it runs, not of your content: "
                   "please report it with the output of the same command run with --debug. out/site still holds the "
                   "last complete build. Add --debug to see the details.\n")
    assert not Path("out/site").exists()


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_the_web_part_is_served_while_the_printables_are_still_to_be_made(built_content):
    content = built_content  # two products built into out/: a copy of one build (tests/conftest.py)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "ocop_site", "build", "--content", str(content), "--out", "out", "--today", TODAY]
    write_product(content, "product-002", 2)  # a new product: its page, QR stub and printables are new
    build = subprocess.Popen(command, env={**env, PAUSE_SETTING: "web-published"}, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert build.stderr.readline() == (f"ocop-site: paused at 'web-published' ({PAUSE_SETTING}); "
                                           "send SIGUSR1 to go on\n")
        with serve(Path("out/site")) as origin:
            status, page = _get(f"{origin}/products/product-002/")
            assert status == 200
            soup = BeautifulSoup(page, "html.parser")
            flyer = soup.select_one('a[href$="product-002-flyer-a5-vi.pdf"]')
            assert flyer is not None  # the page links its flyer, which the second publish brings
            assert _get(f"{origin}/P/T-002/")[0] == 200
            # the kiosk comes with the search index, in the second publish: the last build's until then
            assert _get(f"{origin}/en/kiosk/")[0] == 200 and b"product-002" not in _get(f"{origin}/en/kiosk/")[1]
            assert _get(f"{origin}/print/product-002/product-002-flyer-a5-vi.pdf")[0] == 404
            assert _get(f"{origin}/qr/T-002.svg")[0] == 404
            assert _get(f"{origin}/print/product-000/product-000-flyer-a5-vi.pdf")[0] == 200  # the last build's
            build.send_signal(signal.SIGUSR1)
            stdout, stderr = build.communicate(timeout=600)
            assert build.returncode == 0, stderr
            status, pdf = _get(f"{origin}/print/product-002/product-002-flyer-a5-vi.pdf")
            assert status == 200 and pdf.startswith(b"%PDF-")
            assert _get(f"{origin}/qr/T-002.svg")[0] == 200
            assert b"product-002" in _get(f"{origin}/en/kiosk/")[1]
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    lines = stdout.splitlines()
    web = next(line for line in lines if line.startswith("Web part published: "))
    assert web.startswith("Web part published: out/site shows this build's pages, photos, videos, QR landing "
                          "pages, sitemap, public QR ledger (")
    assert web.endswith("; search, kiosk, QR artwork, share cards, press kits, printables, trip guides follow")
    search = next(line for line in lines if line.startswith("Also published: "))
    assert search.startswith("Also published: out/site shows this build's search, kiosk too (")
    assert search.endswith("; QR artwork, share cards, press kits, printables, trip guides follow")
    assert lines.index(web) < next(i for i, line in enumerate(lines) if line.startswith("  Search index ("))
    assert lines.index(search) < next(i for i, line in enumerate(lines) if line.startswith("Printables: "))
    assert lines[-1].startswith("Site written to out/site (")


def test_each_publish_starts_from_the_spare_and_no_site_tree_is_deleted(built_content, monkeypatch):
    """Deleting a whole site tree (tens of thousands of files) is slow on a busy disk, and so is making one: each of
    the build's three publishes brings the spare generation (the one before the current) up to date instead, so a
    build deletes no generation; when it ends, the current one and the next build's spare are left."""
    content, out = built_content, Path("out")  # two products built into out/: a copy of one build
    previous = os.readlink(out / "site")
    number = int(previous.rsplit("-", 1)[1])
    assert sorted(p.name for p in out.glob("site-*")) == [f"site-{number - 1}", previous]
    edit_story = content / "stories" / "product-000.vi.md"
    edit_story.write_text(edit_story.read_text(encoding="utf-8") + "\nThêm một câu về Đức Phổ.\n", encoding="utf-8")
    events: list[str] = []
    removing = shutil.rmtree

    def rmtree(path, *args, **kwargs):  # shutil's, which the build also calls for its temporary folders
        if Path(path).parent.name == "out":
            events.append(f"removed {Path(path).name}")
        return removing(path, *args, **kwargs)

    monkeypatch.setattr(publish.shutil, "rmtree", rmtree)
    result = build(content, out, today=dt.date.fromisoformat(TODAY),
                   progress=lambda line: events.append(line.text("en").split(":")[0]))
    assert [event for event in events if event.endswith("published") or event.startswith("removed ")] == [
        "Web part published", "Also published"]
    assert os.readlink(result.site) == f"site-{number + 3}"
    assert sorted(p.name for p in out.iterdir()) == sorted([".lock", ".work", "site", f"site-{number + 2}",
                                                            f"site-{number + 3}"])
    page = out / "site" / "products" / "product-000" / "index.html"
    assert "Thêm một câu về Đức Phổ." in page.read_text(encoding="utf-8")
