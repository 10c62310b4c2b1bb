"""Publishing from the spare generation (ocop_site/pipeline/publish.py): the folder a visitor no longer sees
is brought to exactly the new outputs, whatever it holds, and nothing in it is trusted by its name."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from ocop_site.pipeline.publish import publish


def _outputs(folder: Path, files: dict[str, str]) -> dict[str, Path]:
    """Each site path's bytes in a new file of its own under `folder` (as a build's work folder holds them)."""
    outputs = {}
    for number, (path, text) in enumerate(sorted(files.items())):
        source = folder / f"{number}-{path.replace('/', '_')}"
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_text(text, encoding="utf-8")
        outputs[path] = source
    return outputs


def _tree(site: Path) -> dict[str, object]:
    """Every entry below `site`: a file's text and mode, a folder's mode, a link's target."""
    found: dict[str, object] = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.is_symlink():
            found[name] = ("link", os.readlink(path))
        elif path.is_dir():
            found[name] = ("folder", path.stat().st_mode & 0o777)
        else:
            found[name] = (path.read_text(encoding="utf-8"), path.stat().st_mode & 0o777)
    return found


def _publish(out: Path, outputs: dict[str, Path], immutable: set[Path] = frozenset()) -> int:
    out.mkdir(exist_ok=True)  # the build's OUT folder
    return publish(outputs, out / "site", out / ".work" / "published.json", immutable=set(immutable))


def _generations(out: Path) -> list[str]:
    return sorted(path.name for path in out.iterdir() if path.name.startswith("site-"))


FIRST = {
    "index.html": "Trang chủ: Quảng Ngãi",
    "products/tỏi-lý-sơn/index.html": "Tỏi Lý Sơn",
    "products/đường-phèn/index.html": "Đường phèn Mộ Đức",
    "media/đường-phèn-800.webp": "ảnh",
    "old/only-here/page.html": "sẽ bị xoá",
    "becomes-folder": "một tệp",
    "becomes-file/inner.html": "một thư mục",
}
SECOND = {
    "index.html": "Trang chủ: Quảng Ngãi, 619 sản phẩm",  # changed
    "products/tỏi-lý-sơn/index.html": "Tỏi Lý Sơn",  # unchanged
    "products/mạch-nha/index.html": "Mạch nha Thi Phổ",  # new
    "media/đường-phèn-800.webp": "ảnh",
    "becomes-folder/index.html": "bây giờ là thư mục",
    "becomes-file": "bây giờ là tệp",
}


def test_the_spare_is_brought_to_exactly_the_new_outputs(tmp_path):
    out, reference = tmp_path / "out", tmp_path / "reference"
    first = _outputs(tmp_path / "work-1", FIRST)
    second = _outputs(tmp_path / "work-2", SECOND)
    assert _publish(out, first) == len(FIRST)
    assert _publish(out, second) == 6  # no spare yet: made from nothing, as the first
    spare = _generations(out)[0]
    # the spare (the first generation) becomes the third
    assert _publish(out, first) == len(FIRST)  # other sources than the manifest's: every file copied again
    assert os.readlink(out / "site") == "site-3" and spare not in _generations(out)
    assert _generations(out) == ["site-2", "site-3"]  # the current generation, and the next publish's spare
    _publish(reference, first)
    assert _tree(out / "site") == _tree(reference / "site")
    # and once more, the other way, from the second generation
    assert _publish(out, second) == 6
    assert _generations(out) == ["site-3", "site-4"]
    _publish(reference, second)
    assert _tree(out / "site") == _tree(reference / "site")


def test_an_unchanged_file_is_the_spare_s_own_file_kept_as_it_is(tmp_path):
    out = tmp_path / "out"
    first = _outputs(tmp_path / "work-1", FIRST)
    assert [_publish(out, first) for _ in range(3)] == [len(FIRST), 0, 0]
    inodes = {(out / name / "products/tỏi-lý-sơn/index.html").stat().st_ino for name in ["site", *_generations(out)]}
    assert len(inodes) == 1  # one file, linked into each generation, never copied again


def _damage(spare: Path, outside: Path) -> None:
    """What a killed build or a hand could leave in the spare."""
    (spare / "index.html").unlink()
    (spare / "index.html").write_text("Trang chủ: Quảng Ngãi, 619 sản phẩX", encoding="utf-8")  # same size
    (spare / "products/tỏi-lý-sơn/.index.html.4242.tmp").write_text("nửa", encoding="utf-8")
    (spare / "products/mạch-nha").mkdir(exist_ok=True)
    (spare / "products/mạch-nha/index.html").unlink(missing_ok=True)
    (spare / "products/mạch-nha/index.html").symlink_to(outside / "victim.html")  # never written through
    (spare / "media").rename(spare / "media-moved")
    (spare / "media").symlink_to(outside, target_is_directory=True)
    (spare / "stray" / "deep").mkdir(parents=True)
    (spare / "stray" / "deep" / "x.html").write_text("lạc", encoding="utf-8")
    (spare / "becomes-file").chmod(0o700)
    (spare / "products").chmod(0o700)  # a web server running as another user could not read these
    spare.chmod(0o2700)


def test_a_damaged_spare_publishes_the_same_site_and_nothing_outside_it_is_touched(tmp_path):
    out, reference, outside = tmp_path / "out", tmp_path / "reference", tmp_path / "outside"
    outside.mkdir()
    (outside / "victim.html").write_text("không được đổi", encoding="utf-8")
    first, second = _outputs(tmp_path / "work-1", FIRST), _outputs(tmp_path / "work-2", SECOND)
    _publish(out, first)
    _publish(out, second)
    _publish(out, first)
    spare = out / _generations(out)[0]  # the second generation: SECOND's files
    _damage(spare, outside)
    _publish(out, second)
    _publish(reference, second)
    assert _tree(out / "site") == _tree(reference / "site")
    assert sorted(path.name for path in outside.iterdir()) == ["victim.html"]
    assert (outside / "victim.html").read_text(encoding="utf-8") == "không được đổi"


def test_a_spare_file_is_kept_only_when_it_is_the_very_file_the_cache_holds(tmp_path):
    """A cached file (immutable) is linked; the spare's file is kept only if it is that file (its inode), not one
    with the same name and size."""
    out, cache = tmp_path / "out", tmp_path / "cache"
    cache.mkdir()
    flyer = cache / "flyer.pdf"
    flyer.write_bytes("%PDF-1.7 bản in".encode())
    outputs = {"print/flyer.pdf": flyer}
    for _ in range(3):
        _publish(out, outputs, immutable={flyer})
    assert (out / "site" / "print" / "flyer.pdf").stat().st_ino == flyer.stat().st_ino
    spare = out / _generations(out)[0] / "print" / "flyer.pdf"
    assert spare.stat().st_ino == flyer.stat().st_ino
    spare.unlink()
    spare.write_bytes("%PDF-1.7 bản cũ".encode())  # same size, other bytes, another inode
    _publish(out, outputs, immutable={flyer})
    assert (out / "site" / "print" / "flyer.pdf").stat().st_ino == flyer.stat().st_ino
    flyer.chmod(0o600)  # the very file, made by a build under umask 077: kept, and readable by the web server
    _publish(out, outputs, immutable={flyer})
    published = out / "site" / "print" / "flyer.pdf"
    assert (published.stat().st_ino, published.stat().st_mode & 0o777) == (flyer.stat().st_ino, 0o644)


def test_a_symbolic_link_put_in_the_live_site_is_never_published_nor_followed(tmp_path):
    out, outside = tmp_path / "out", tmp_path / "outside"
    outside.mkdir()
    secret = outside / "secret.txt"
    secret.write_text("bí mật", encoding="utf-8")
    secret.chmod(0o600)
    first = _outputs(tmp_path / "work-1", FIRST)
    _publish(out, first)
    live = out / "site" / "products" / "tỏi-lý-sơn" / "index.html"
    live.unlink()
    live.symlink_to(secret)  # by hand, in the generation visitors see
    for _ in range(3):  # unchanged by the manifest: the live file would be linked into the next generation
        _publish(out, first)
        page = out / "site" / "products" / "tỏi-lý-sơn" / "index.html"
        assert not page.is_symlink() and page.read_text(encoding="utf-8") == "Tỏi Lý Sơn"
    assert secret.stat().st_mode & 0o777 == 0o600


def test_a_publish_that_fails_leaves_the_site_and_keeps_the_spare(tmp_path):
    out = tmp_path / "out"
    first, second = _outputs(tmp_path / "work-1", FIRST), _outputs(tmp_path / "work-2", SECOND)
    _publish(out, first)
    _publish(out, second)
    before, listing = _tree(out / "site"), _generations(out)
    broken = {**first, "zz/last.html": tmp_path / "gone.html"}  # its source vanished: the last file fails
    with pytest.raises(FileNotFoundError):
        _publish(out, broken)
    assert _tree(out / "site") == before and _generations(out) == listing
    _publish(out, first)  # the half brought up to date spare is a spare like any other
    reference = tmp_path / "reference"
    _publish(reference, first)
    assert _tree(out / "site") == _tree(reference / "site")


def test_a_spare_that_cannot_be_changed_is_set_aside(tmp_path):
    """A spare holding a file nobody may remove (made immutable by hand; for a build's own user, a folder made
    unreadable does the same) cannot be brought up to date: the publish sets it aside and makes the generation from
    nothing, instead of failing at every publish from then on."""
    out, reference = tmp_path / "out", tmp_path / "reference"
    first, second = _outputs(tmp_path / "work-1", FIRST), _outputs(tmp_path / "work-2", SECOND)
    _publish(out, first)
    _publish(out, second)
    stuck = out / _generations(out)[0] / "old" / "only-here" / "page.html"  # the spare's: to be removed
    subprocess.run(["chattr", "+i", str(stuck)], check=True)
    try:
        _publish(out, first)
        _publish(reference, first)
        assert _tree(out / "site") == _tree(reference / "site")
        assert _publish(out, second) == len(SECOND)  # and from then on
        assert [path.name for path in out.iterdir() if path.name.startswith(".unusable-")] != []
    finally:
        for page in out.rglob("page.html"):  # wherever the stuck one went: pytest removes the folder later
            subprocess.run(["chattr", "-i", str(page)], check=True)


def test_files_taken_from_the_live_site_keep_their_first_stamp_and_a_hand_edited_manifest_costs_only_copies(
        tmp_path):
    """A part not rendered yet is published from the live site's own files: they count as unchanged, and keep in the
    manifest the stamp of the file they were first published from (so that part's next publish finds its unchanged
    files unchanged). A manifest edited by hand into nonsense only makes the publish copy again."""
    out, reference = tmp_path / "out", tmp_path / "reference"
    first = _outputs(tmp_path / "work-1", FIRST)
    _publish(out, first)
    manifest = out / ".work" / "published.json"
    recorded = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    live = {path: out / "site" / path for path in FIRST}
    assert _publish(out, live, immutable=set(live.values())) == 0
    assert json.loads(manifest.read_text(encoding="utf-8"))["files"] == recorded
    assert _publish(out, first) == 0  # the work files again: unchanged, as their stamps say
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["files"]["index.html"] = "hỏng"
    data["files"]["media/đường-phèn-800.webp"] = [1, "two", None]
    manifest.write_text(json.dumps(data), encoding="utf-8")
    live = {path: out / "site" / path for path in FIRST}
    _publish(out, live, immutable=set(live.values()))
    files = json.loads(manifest.read_text(encoding="utf-8"))["files"]
    assert all(isinstance(stamp, list) and all(isinstance(n, int) for n in stamp) for stamp in files.values())
    _publish(reference, first)
    assert _tree(out / "site") == _tree(reference / "site")
