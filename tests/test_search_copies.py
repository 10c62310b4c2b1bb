"""The search index's stroke-marked copies are kept between builds: only pages written again are copied
again, a page gone loses its copy, and the index is the one fresh copies give. Real Pagefind."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ocop_site.targets.site import search_index
from ocop_site.targets.site.search_index import STAMPS, index_site

PAGES = {
    "duong-phoi": "Đường phổi Thi Phổ được nấu từ mía đỏ trên bếp củi.",
    "toi-ly-son": "Tỏi Lý Sơn trồng trên cát núi lửa, đảo Lý Sơn.",
    "que-tra-bong": "Quế Trà Bồng bóc vỏ vào mùa mưa, phơi trên giàn tre.",
}


def write_page(site: Path, slug: str, text: str) -> Path:
    page = site / "products" / slug / "index.html"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(f'<!doctype html><html lang="vi"><head><title>{slug}</title></head><body>'
                    f"<article><h1>{slug}</h1><p>{text}</p></article></body></html>", encoding="utf-8")
    return page


@pytest.fixture
def site(tmp_path: Path) -> Path:
    site = tmp_path / "site-vi"
    for slug, text in PAGES.items():
        write_page(site, slug, text)
    return site


def index_digest(site: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted((site / "pagefind").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def fresh_index(site: Path, tmp_path: Path) -> str:
    """The index made from copies written from nothing, as before copies were kept."""
    index_site(site, tmp_path / "fresh-copies")
    return index_digest(site)


def copied(copies: Path) -> list[str]:
    return sorted(path.relative_to(copies).as_posix() for path in copies.rglob("*") if path.is_file())


def test_a_second_index_copies_nothing_and_an_edited_page_alone_is_copied_again(site: Path, tmp_path: Path) -> None:
    copies = tmp_path / "copies"
    assert index_site(site, copies) == 3
    assert copied(copies) == [*(f"products/{slug}/index.html" for slug in sorted(PAGES)), STAMPS]
    assert "d\u0335" in (copies / "products/duong-phoi/index.html").read_text(encoding="utf-8")
    assert index_site(site, copies) == 0
    write_page(site, "toi-ly-son", "Tỏi Lý Sơn một nhánh, đậm mùi.")
    assert index_site(site, copies) == 1
    kept = index_digest(site)
    assert kept == fresh_index(site, tmp_path)


def test_a_page_gone_loses_its_copy_and_its_place_in_the_index(site: Path, tmp_path: Path) -> None:
    copies = tmp_path / "copies"
    index_site(site, copies)
    (site / "products/que-tra-bong/index.html").unlink()
    (copies / "products/duong-phoi/.index.html.4242.tmp").write_text("left by a killed build", encoding="utf-8")
    assert index_site(site, copies) == 0
    assert copied(copies) == ["products/duong-phoi/index.html", "products/toi-ly-son/index.html", STAMPS]
    assert index_digest(site) == fresh_index(site, tmp_path)


@pytest.mark.parametrize("damage", ["truncated", "other code", "gone"])
def test_copies_are_made_again_when_their_record_cannot_be_trusted(site: Path, tmp_path: Path, damage: str,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    copies = tmp_path / "copies"
    index_site(site, copies)
    stamps = copies / STAMPS
    if damage == "truncated":
        os.truncate(stamps, stamps.stat().st_size // 2)
    elif damage == "other code":
        monkeypatch.setattr(search_index, "_CODE", "0" * 64)
    else:
        stamps.unlink()
    assert index_site(site, copies) == 3


def test_a_copy_gone_is_made_again(site: Path, tmp_path: Path) -> None:
    """What the stamps promise: a copy is trusted while its page is unchanged and the copy is there. A
    copy gone is made again; the copies live in the build's work folder, which only the build writes."""
    copies = tmp_path / "copies"
    index_site(site, copies)
    (copies / "products/toi-ly-son/index.html").unlink()
    assert index_site(site, copies) == 1
    assert index_digest(site) == fresh_index(site, tmp_path)


def test_links_and_folders_in_the_way_are_removed_never_followed(site: Path, tmp_path: Path) -> None:
    """The copies folder is the build's own, but a hand or a tool may leave a link or a folder in it: a link
    is removed, never written through or read, and a folder where a copy goes makes way for the copy."""
    elsewhere = tmp_path / "elsewhere"
    (elsewhere / "products" / "duong-phoi").mkdir(parents=True)
    kept = elsewhere / "products" / "duong-phoi" / "index.html"
    kept.write_text("not a copy", encoding="utf-8")
    copies = tmp_path / "copies"
    copies.symlink_to(elsewhere, target_is_directory=True)
    page_before = (site / "products/duong-phoi/index.html").read_bytes()
    assert index_site(site, copies) == 3
    assert not copies.is_symlink() and kept.read_text(encoding="utf-8") == "not a copy"
    assert (site / "products/duong-phoi/index.html").read_bytes() == page_before

    shutil.rmtree(copies / "products" / "toi-ly-son")
    (copies / "products" / "toi-ly-son" / "index.html").mkdir(parents=True)  # a folder at the copy's name
    (copies / "products" / "que-tra-bong").rename(tmp_path / "moved")
    (copies / "products" / "que-tra-bong").symlink_to(tmp_path / "moved", target_is_directory=True)
    assert index_site(site, copies) == 2
    assert copied(copies) == [*(f"products/{slug}/index.html" for slug in sorted(PAGES)), STAMPS]
    assert not any(path.is_symlink() for path in copies.rglob("*"))
    assert index_digest(site) == fresh_index(site, tmp_path)


def test_index_files_with_the_same_bytes_are_kept_as_they_are(site: Path, tmp_path: Path) -> None:
    """Pagefind writes every file again; those whose bytes did not change keep their inode, so the publish links
    them instead of copying them, and the index is still exactly a fresh one (no fragment of the old left)."""
    copies = tmp_path / "copies"
    index_site(site, copies)
    before = {path.relative_to(site).as_posix(): (path.stat().st_ino, path.read_bytes())
              for path in (site / "pagefind").rglob("*") if path.is_file()}
    (site / "pagefind" / "fragment" / "stray.pf_fragment").write_bytes(b"an older index's")
    write_page(site, "toi-ly-son", "Tỏi Lý Sơn một nhánh, đậm mùi.")
    index_site(site, copies)
    after = {path.relative_to(site).as_posix(): (path.stat().st_ino, path.read_bytes())
             for path in (site / "pagefind").rglob("*") if path.is_file()}
    same = [name for name in after if name in before and before[name][1] == after[name][1]]
    assert same and all(after[name][0] == before[name][0] for name in same)
    assert any(name not in before or before[name][1] != after[name][1] for name in after)  # the edit's files
    assert "pagefind/fragment/stray.pf_fragment" not in after
    assert not (tmp_path / f"copies{search_index.FRESH_SUFFIX}").exists()
    assert index_digest(site) == fresh_index(site, tmp_path)


def test_pagefind_runs_as_its_own_program_the_one_pagefind_binary_path_names(site: Path, tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Pagefind's program is run directly, found as `python -m pagefind` finds it: PAGEFIND_BINARY_PATH first."""
    real = search_index.pagefind_binary()
    assert Path(real).is_file() and os.access(real, os.X_OK)
    assert Path(real).read_bytes()[:4] == b"\x7fELF"  # the program itself, not a Python script in front of it
    calls = tmp_path / "calls.txt"
    wrapper = tmp_path / "pagefind-wrapper"
    wrapper.write_text(f'#!/bin/sh\necho "$@" >> {calls}\nexec {real} "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    search_index.pagefind_binary.cache_clear()
    try:
        index_site(site, tmp_path / "copies")
    finally:
        search_index.pagefind_binary.cache_clear()
    assert calls.read_text(encoding="utf-8").startswith(f"--site {tmp_path / 'copies'} --output-path ")
    assert (site / "pagefind" / "pagefind-entry.json").is_file()


@pytest.mark.parametrize("program", ["not-executable", "not-a-program", "a-folder", "missing"])
def test_a_pagefind_that_cannot_run_is_a_generator_failure_after_the_web_part(content: Path, program: str) -> None:
    """What the build says when Pagefind's program cannot be run: which program, how to fix it, and that the site
    already shows this build's web part (the search index comes after it), never that the site is unchanged."""
    path = Path.cwd() / program
    if program == "not-executable":
        path.write_bytes(Path(search_index.pagefind_binary()).read_bytes()[:64])
    elif program == "not-a-program":  # executable, but neither a program nor a script with a #! line
        path.write_bytes(b"\0\1\2 not a program")
        path.chmod(0o755)
    elif program == "a-folder":
        path.mkdir()
    reason = {"not-executable": "Permission denied", "not-a-program": "Exec format error",
              "a-folder": "Permission denied", "missing": "No such file or directory"}[program]
    done = subprocess.run([sys.executable, "-m", "ocop_site", "build", "--content", "content", "--out", "out",
                           "--today", "2026-11-22", "--lang", "en"], capture_output=True, text=True,
                          env={**os.environ, "PAGEFIND_BINARY_PATH": str(path)})
    assert done.returncode == 3
    assert done.stderr.splitlines()[-2:] == [
        f"Pagefind's program {path} could not be run ({reason}): reinstall the package pagefind[extended], or unset "
        "PAGEFIND_BINARY_PATH if it is set",
        "The generator failed (please report this). out/site shows this build's web part with the last complete "
        "build's printables."]
    assert (Path("out/site/products/product-000/index.html")).is_file()
