"""The search index: Pagefind reads the built product pages of one language and writes a chunked
index under its pagefind/ folder, so a phone downloads only the few small files a query needs.

Material's own search would send one index of several megabytes at province scale.

"đ" is a letter of its own, not "d" with a mark, so Pagefind's diacritic folding (which strips
combining marks) would keep "đường" apart from "duong". Pagefind therefore reads copies of the
pages in which every đ/Đ is written as d/D followed by U+0335 (combining short stroke overlay):
the folded index word is "duong", the exact one "d̵ường". assets/search.js writes a typed đ the
same way and turns it back into đ in titles and excerpts, so the visitor never sees the stand-in.

The copies are kept between builds (beside MkDocs's site folder) with the size, time and inode of the
page each was made from: a build rewrites only the copies of pages MkDocs wrote again — one story edit,
a few dozen of 619 — instead of reading and writing every page (0.8 CPU-s a language at 619).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

from ocop_site.disk import sync_file_system, write_atomically
from ocop_site.files import DamagedFile, read_json, tree_files
from ocop_site.processes import die_with_parent
from ocop_site.targets.cache import file_digest

# What a search result is made from: the article of each product page, without the related-product
# cards and the downloads for producers (they would make every product match its neighbours' names),
# nor the share buttons, maps, map links and caption times (words of the interface, not of the
# product), nor the where-to-buy list (addresses, phones and hours: an excerpt made from them ran the
# shops together, "… · Hợp tác xã Địa chỉ: … Bản"), nor the headings of what is left out
# (.ocop-unsearched in product.md.j2). What is left reads as sentences, so the excerpts do.
# Diacritics: exact when typed, folded when not (assets/search.js), đ as d in all indexed text (see above).
PAGES = "products/**/*.html"
FRESH_SUFFIX = ".pagefind-new"  # where Pagefind writes, beside the copies, before the index is settled in place
EXCLUDED = (".ocop-cards", ".ocop-producers", "figcaption", ".ocop-share", ".ocop-map", ".ocop-map__places",
            ".ocop-facts__map", ".ocop-all-on-map", ".ocop-shops", ".ocop-unsearched",
            ".ocop-transcript__time", ".ocop-video__note", ".ocop-video__play")
ARGUMENTS = ["--root-selector", "article", "--glob", PAGES, "--exclude-selectors", ", ".join(EXCLUDED), "--quiet"]
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")


def with_stroke_marks(text: str) -> str:
    """đ/Đ as a base letter and a combining mark: folding strips the mark (search.js undoes this). Two
    str.replace, not str.translate with a table, which looks every character of a 60 KB page up in a
    dict: 2.5 CPU-s for 619 pages against 0.8, the same index (docs/performance.md)."""
    return text.replace("đ", "d\u0335").replace("Đ", "D\u0335")


NOT_A_PROGRAM = {errno.ENOENT, errno.EACCES, errno.ENOEXEC, errno.ENOTDIR, errno.EISDIR, errno.ELOOP}
REINSTALL = "reinstall the package pagefind[extended], or unset PAGEFIND_BINARY_PATH if it is set"


class SearchIndexError(Exception):
    """Pagefind failed on generated pages: a generator bug, not a content error."""


def index_site(site: Path, copies: Path) -> int:
    """(Re)write `site`/pagefind for the product pages below `site`, from their copies kept in `copies`;
    returns how many copies had to be written again."""
    fresh = copies.with_name(f"{copies.name}{FRESH_SUFFIX}")  # beside the copies: never inside the site
    shutil.rmtree(fresh, ignore_errors=True)  # left by a killed build
    written = update_copies(site, copies)
    program = pagefind_binary()
    try:
        done = subprocess.run([program, "--site", str(copies), "--output-path", str(fresh), *ARGUMENTS],
                              capture_output=True, text=True,
                              preexec_fn=functools.partial(die_with_parent, os.getpid()))  # dies with a killed build
    except OSError as error:  # missing, not executable, a folder: the installation's fault, not the disk's
        if error.errno not in NOT_A_PROGRAM:
            raise  # out of memory or processes: a failure of the machine, said as such
        raise SearchIndexError(f"Pagefind's program {program} could not be run ({error.strerror or error}): "
                               f"{REINSTALL}") from error
    if done.returncode != 0:
        raise SearchIndexError(f"Pagefind failed on {site}:\n{done.stdout}{done.stderr}")
    for name in UNUSED:  # the site has its own small search page (assets/search.js)
        (fresh / name).unlink(missing_ok=True)
    _settle(fresh, site / "pagefind")
    return written


@functools.cache
def pagefind_binary() -> str:
    """The program `python -m pagefind` runs, found as it finds it (PAGEFIND_BINARY_PATH, then the extended
    binary the package installs). Run directly: the Python in front of it cost 0.1 CPU-s a run, more than a
    small site's indexing itself."""
    from pagefind.service import get_executable  # loads asyncio: only in a build that indexes

    try:
        found = get_executable()
    except OSError as error:  # pagefind_bin_extended installed without its program
        raise SearchIndexError(f"Pagefind's program is missing ({error}): {REINSTALL}") from error
    if found is None:
        raise SearchIndexError(f"Pagefind's program is missing: {REINSTALL}")
    return str(found.resolve())


def _settle(fresh: Path, output: Path) -> None:
    """Make `output` hold exactly the files of `fresh`, keeping each file whose bytes are the same as it is (its
    time and inode: the publish then links it instead of copying it). Pagefind writes every file of a language
    again; after a story edit all but a few dozen of its 1,300 files at 619 products have the same bytes."""
    if output.is_symlink() or (output.exists() and not output.is_dir()):
        output.unlink()
    old = tree_files(output) if output.is_dir() else {}
    for name, path in tree_files(fresh).items():
        kept = old.pop(name, None)
        if (kept is not None and not kept.is_symlink() and kept.stat().st_size == path.stat().st_size
                and kept.read_bytes() == path.read_bytes()):
            continue
        target = output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_dir() and not target.is_symlink():
            shutil.rmtree(target)
        os.replace(path, target)
    for path in old.values():  # no fragment of an older index may linger
        path.unlink()
    shutil.rmtree(fresh)


def update_copies(site: Path, copies: Path) -> int:
    """Make `copies` hold the stroke-marked copy of every product page of `site` and nothing else (no
    copy of a page gone, no temporary of a killed build, no link). A page whose size, time and inode are
    those recorded when its copy was made, by this module's code, is not read again. Returns how many
    copies were written."""
    if copies.is_symlink() or (copies.exists() and not copies.is_dir()):  # never followed, never written through
        copies.unlink()
    copies.mkdir(parents=True, exist_ok=True)
    stamps_path = copies / STAMPS
    try:
        kept = read_json(stamps_path)
    except DamagedFile:
        kept = None
    recorded = kept.get("pages") if isinstance(kept, dict) and kept.get("code") == _CODE else None
    recorded = recorded if isinstance(recorded, dict) else {}
    if stamps_path.is_dir():
        shutil.rmtree(stamps_path)
    stamps_path.unlink(missing_ok=True)  # until every copy below is in place, none is known to be current
    pages = {page.relative_to(site).as_posix(): page for page in sorted(site.glob(PAGES))}
    for folder, folders, files in os.walk(copies):  # first: what is left is plain folders and current pages' files
        for name in [*files, *folders]:
            path = Path(folder, name)
            if path.is_symlink() or (name in files and path.relative_to(copies).as_posix() not in pages):
                path.unlink()
    stamps: dict[str, list[int]] = {}
    written = 0
    for name, page in pages.items():
        info = page.stat()
        stamps[name] = [info.st_size, info.st_mtime_ns, info.st_ino]
        copy = copies / name
        if recorded.get(name) == stamps[name] and copy.is_file():
            continue
        if copy.is_dir():  # a folder where the copy goes
            shutil.rmtree(copy)
        copy.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(copy, with_stroke_marks(page.read_text(encoding="utf-8")).encode(), sync=False)
        written += 1
    sync_file_system(copies)  # the copies on disk before the record that says they are current
    write_atomically(stamps_path, json.dumps({"code": _CODE, "pages": stamps}).encode(), sync=False)
    return written


STAMPS = "stamps.json"  # beside the copies: Pagefind reads only PAGES
_CODE = file_digest(Path(__file__))  # copies made by other code are made again
