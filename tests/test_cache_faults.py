"""The render cache under faults: a build killed half-way through writing a cached file, and cached
files damaged by hand (the site hard-links them, so the damage shows on the site too). The next build
renders the damaged entries again and publishes correct files; a damaged entry is never reused.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from build_processes import no_temporary_files, paused, run, snapshot, start, wait_for
from conftest import edit
from content_factory import write_content, write_product

from ocop_site.disk import remove_temporaries
from ocop_site.targets.cache import MARKER, Job, OutputCache

FLYER = "print/product-000/product-000-flyer-a5-vi.pdf"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content folder and render cache of these tests' own, in one place for the whole module: they
    damage cached files, which other tests must not reuse, and a PDF's bytes depend on where the
    content folder is (WeasyPrint names images by their path)."""
    root = tmp_path_factory.mktemp("damaged-cache")
    write_content(root / "content", count=2)
    return root


@pytest.fixture
def cached(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project built into out/ by a real process (from its cache after the first test)."""
    monkeypatch.chdir(project)
    monkeypatch.setenv("OCOP_SITE_CACHE", str(project / "cache"))
    done = run(Path("content"), Path("out"))
    assert done.returncode == 0, done.stderr
    return Path("content")


def cache_file_of(site_file: Path, cache: Path) -> Path:
    """The cached file the site's file is a hard link of."""
    inode = site_file.stat().st_ino
    found = [path for path in cache.rglob("*") if path.is_file() and path.stat().st_ino == inode]
    assert len(found) == 1, found
    return found[0]


def unmarked_or_damaged(cache: Path) -> list[str]:
    """Entries whose marker is missing, or names a file whose size or digest differs."""
    bad = []
    for folder in (path for level in cache.glob("outputs/*") for path in level.iterdir()):
        if not OutputCache(cache / "outputs").done(folder.name):
            bad.append(folder.name)
    return bad


def test_a_build_killed_while_writing_the_cache_is_followed_by_one_that_publishes_correct_files(
        content, tmp_path, monkeypatch):
    cache, temporary = tmp_path / "cache", tmp_path / "tmp"
    monkeypatch.setenv("OCOP_SITE_CACHE", str(cache))
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))  # the system's temporary folder, for the builds alone
    assert run(content, Path("out")).returncode == 0
    before = snapshot(Path("out/site"))
    write_product(content, "product-002", 2)  # new photos, artwork, PDFs: new cache entries
    build = start(content, Path("out"), pause="caching")
    wait_for(build.stderr, paused("caching"), build)
    build.kill()
    assert build.wait() == -signal.SIGKILL
    torn = [path for path in cache.rglob("*.tmp") if path.is_file()]
    assert len(torn) == 1 and not (torn[0].parent / MARKER).exists()  # killed half-way through a file
    assert snapshot(Path("out/site")) == before

    done = run(content, Path("out"))
    assert done.returncode == 0, done.stderr
    assert no_temporary_files(cache, Path("out")) == []
    # nothing in the system's temporary folder outlives a build: the workers' (WeasyPrint's decoded fonts,
    # a folder per worker, about 300 KB, which the workers never remove) went to the build's scratch folder
    assert sorted(path.name for path in temporary.iterdir()) == []
    assert unmarked_or_damaged(cache) == []
    # the same content built from nothing gives the very same site
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "fresh-cache"))
    assert run(content, Path("reference")).returncode == 0
    assert snapshot(Path("out/site")) == snapshot(Path("reference/site"))


def truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 3)


def overwrite(path: Path) -> None:
    """Same size, other bytes: only the digest tells."""
    with open(path, "r+b") as handle:
        handle.seek(path.stat().st_size // 2)
        handle.write(b"\0" * 64)


@pytest.mark.parametrize("damage", [truncate, overwrite])
@pytest.mark.parametrize("changed", [False, True], ids=["nothing-changed", "another-product-edited"])
def test_a_cached_file_damaged_by_hand_is_rendered_again(cached, damage, changed):
    site = Path("out/site")
    good = (site / FLYER).read_bytes()
    cache = Path("cache")
    cached_file = cache_file_of(site / FLYER, cache)
    damage(cached_file)
    assert (site / FLYER).read_bytes() != good  # the site's file is the same file
    if changed:  # so the build cannot stop early
        record = cached / "products" / "product-001.yaml"
        old = "stars: 3" if "stars: 3" in record.read_text(encoding="utf-8") else "stars: 4"
        edit(record, old, "stars: 4" if old == "stars: 3" else "stars: 3")
    done = run(cached, Path("out"))
    assert done.returncode == 0, done.stderr
    assert "Nothing changed" not in done.stdout
    assert (site / FLYER).read_bytes() == good
    assert cached_file.read_bytes() == good  # made again under the same name
    assert unmarked_or_damaged(cache) == []


def make_files(text: str) -> dict[str, bytes]:
    return {"đường.txt": text.encode(), "ghi-chú.txt": b"Quang Ng\xc3\xa3i"}


def test_an_entry_is_reused_only_when_whole(tmp_path):
    cache = OutputCache(tmp_path / "outputs")
    job = Job("ab" * 20, make_files, ("Đường phổi Đức Phổ",))
    assert cache.run([job]) == 1
    assert OutputCache(cache.root).run([job]) == 0  # a new build (process) reuses it
    folder = cache.folder(job.key)
    text = "Đường phổi Đức Phổ".encode()
    marker = json.loads((folder / MARKER).read_text())
    assert marker["files"]["đường.txt"][:2] == [len(text), hashlib.sha256(text).hexdigest()]

    (folder / MARKER).write_text('{"files": {"đường.txt": [3')  # a marker cut short
    assert OutputCache(cache.root).run([job]) == 1
    (folder / MARKER).unlink()  # files in place, never marked (killed before the marker)
    assert OutputCache(cache.root).run([job]) == 1
    (folder / "ghi-chú.txt").unlink()  # a file gone
    assert OutputCache(cache.root).run([job]) == 1
    assert (folder / "ghi-chú.txt").read_bytes() == "Quang Ngãi".encode()
    assert sorted(path.name for path in folder.iterdir()) == [MARKER, "ghi-chú.txt", "đường.txt"]


def test_a_copied_cache_with_the_same_bytes_is_reused_and_checked_once(tmp_path):
    cache = OutputCache(tmp_path / "outputs")
    job = Job("cd" * 20, make_files, ("Tỏi Lý Sơn",))
    cache.run([job])
    copy = tmp_path / "copy"
    for path in sorted(cache.root.rglob("*")):  # new inodes and times, the same bytes (cp -r)
        target = copy / path.relative_to(cache.root)
        if path.is_dir():
            target.mkdir(parents=True)
        else:
            target.write_bytes(path.read_bytes())
    copied = OutputCache(copy)
    assert copied.run([job]) == 0
    name = "đường.txt"
    recorded = json.loads((copied.folder(job.key) / MARKER).read_text())["files"][name]
    info = (copied.folder(job.key) / name).stat()
    assert recorded[2:] == [info.st_mtime_ns, info.st_ino]  # the marker now knows the copy


def test_a_temporary_of_a_running_writer_is_left_alone_and_a_dead_one_s_removed(tmp_path):
    """Two builds sharing a render cache may write one entry at once: neither removes the other's file."""
    writer = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        running = tmp_path / f".đường.txt.{writer.pid}.tmp"
        running.write_bytes(b"half")
        remove_temporaries(tmp_path)
        assert running.exists()
    finally:
        writer.kill()
        writer.wait()
    remove_temporaries(tmp_path)  # its writer is gone: a leftover
    assert not running.exists()
