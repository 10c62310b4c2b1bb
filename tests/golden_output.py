"""Golden output, as Pelican keeps it: a small fixed content folder (tests/golden/content) and what the
generator makes of it (tests/golden/expected), compared by tests/test_golden.py and written again by
`python tools/refresh_golden.py` after an intended change (then read the diff before committing it).

What is compared is what the generator writes before MkDocs runs, so the test is cheap and does not
change when MkDocs or Material do: every Markdown page of both docs trees, the MkDocs settings, the
QR landing stubs, redirects and host configurations, and the list of every file written (files copied
unchanged from the package, such as fonts and Material overrides, are listed but not kept).
"""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import ocop_site
from ocop_site.files import write_tree
from ocop_site.model.loader import load_catalog
from ocop_site.targets.docs_tree import DocsTree
from ocop_site.targets.site.images import plan_picture
from ocop_site.targets.site.mkdocs_project import LANGUAGES, write_project
from ocop_site.targets.site.stubs import stub_files

GOLDEN = Path(__file__).resolve().parent / "golden"
CONTENT = GOLDEN / "content"
EXPECTED = GOLDEN / "expected"
TODAY = dt.date(2026, 11, 22)
FILE_LIST = "files.txt"
COPIED = ("mkdocs/config/overrides/", "mkdocs/docs-vi/assets/")  # the package's own files, unchanged
REFRESH = "python tools/refresh_golden.py"
PACKAGE = Path(ocop_site.__file__).resolve().parent  # named in MkDocs's settings (hooks): differs per checkout


def generate(folder: Path) -> dict[str, bytes]:
    """Write the golden content's generated files below `folder`; return the golden files by path:
    FILE_LIST and every generated (not copied) file."""
    catalog = load_catalog(CONTENT, today=TODAY)
    pictures = {(product.slug, index): plan_picture(product.image_path(index), product.slug)
                for product in catalog.products.values() for index in range(len(product.record.images))}
    write_project(catalog, folder / "mkdocs",
                  {language: DocsTree(catalog, language, pictures).pages() for language in LANGUAGES})
    write_tree(folder / "stubs", stub_files(catalog))
    written = sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())
    golden = {FILE_LIST: ("\n".join(written) + "\n").encode("utf-8")}
    golden.update({path: (folder / path).read_bytes().replace(str(PACKAGE).encode(), b"<ocop_site>")
                   for path in written if not path.startswith(COPIED)})
    return golden


def expected() -> dict[str, bytes]:
    return {path.relative_to(EXPECTED).as_posix(): path.read_bytes()
            for path in sorted(EXPECTED.rglob("*")) if path.is_file()}


def differences(expected: dict[str, bytes], actual: dict[str, bytes], context: int = 2) -> str:
    """A readable report: files missing or new, then a unified diff of each file that changed."""
    report = []
    for path in sorted(expected.keys() - actual.keys()):
        report.append(f"no longer generated: {path}")
    for path in sorted(actual.keys() - expected.keys()):
        report.append(f"newly generated: {path}")
    for path in sorted(expected.keys() & actual.keys()):
        if expected[path] != actual[path]:
            old = expected[path].decode("utf-8", "replace").splitlines(keepends=True)
            new = actual[path].decode("utf-8", "replace").splitlines(keepends=True)
            report.append("".join(difflib.unified_diff(old, new, f"expected/{path}", f"generated/{path}",
                                                       n=context)).rstrip("\n"))
    return "\n".join(report)
