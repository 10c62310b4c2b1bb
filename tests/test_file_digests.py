"""The content files' digests are kept between builds (ocop_site/targets/cache.py, file_digest): a build reads
again only the files that changed since the last one, by their inode, size and times, as git's index does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import TODAY

from ocop_site import disk
from ocop_site.pipeline.builder import build
from ocop_site.targets import cache


def test_a_build_reads_again_only_the_files_that_changed(built_content, monkeypatch):
    content, out = built_content, Path("out")  # two products built into out/: a copy of one build
    today = dt.date.fromisoformat(TODAY)
    monkeypatch.setattr(disk, "SETTLING_NS", 0)  # the content was written a moment ago
    build(content, out, today=today, clean=True, preview=True)  # hashes every file, keeps the digests (previews:
    # the printables are not under test)
    story = content / "stories" / "product-000.vi.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nThêm một câu về Đức Phổ.\n", encoding="utf-8")
    read: list[str] = []
    hashed = cache._digest
    monkeypatch.setattr(cache, "_digest", lambda path, *stamp: read.append(Path(path).name) or hashed(path, *stamp))
    build(content, out, today=today, preview=True)
    assert set(read) <= {"product-000.vi.md"}  # not the photos, records and other stories again (a preview keys
    # its pages on the stories' text, which it has read anyway)
    page = (out / "site" / "products" / "product-000" / "index.html").read_text(encoding="utf-8")
    assert "Thêm một câu về Đức Phổ." in page
    # a file changed within one tick of the clock keeps its times' meaning: the next change is seen too
    story.write_text(story.read_text(encoding="utf-8") + "\nVà một câu nữa.\n", encoding="utf-8")
    build(content, out, today=today, preview=True)
    page = (out / "site" / "products" / "product-000" / "index.html").read_text(encoding="utf-8")
    assert "Và một câu nữa." in page


def test_a_damaged_digest_file_only_costs_the_time(built_content, monkeypatch):
    content, out = built_content, Path("out")
    monkeypatch.setattr(disk, "SETTLING_NS", 0)
    (out / ".work" / "digests.json").write_text('{"not": "a digest"', encoding="utf-8")
    story = content / "stories" / "product-001.en.md"
    story.write_text(story.read_text(encoding="utf-8") + "\nOne more line about Lý Sơn.\n", encoding="utf-8")
    build(content, out, today=dt.date.fromisoformat(TODAY), preview=True)
    page = (out / "site" / "en" / "products" / "product-001" / "index.html").read_text(encoding="utf-8")
    assert "One more line about Lý Sơn." in page
