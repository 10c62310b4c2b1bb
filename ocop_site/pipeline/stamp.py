"""Everything a build's output depends on, as one digest: the content folder's files, the date,
the options, the generator's own code and the versions of the packages that render.

When it equals the last complete build's and the site still holds every file that build
published, nothing can have changed: the build stops before reading the content again, since
validating it would find what the last build found (issues 5 and 18: a rebuild with nothing changed).
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
from importlib import metadata
from pathlib import Path

from ocop_site.content.ledger import LOCK_FILE
from ocop_site.targets.cache import file_digest, fingerprint

PACKAGE = Path(__file__).resolve().parent.parent
RENDERERS = ("mkdocs", "mkdocs-material", "weasyprint", "pagefind", "Pillow", "Markdown", "Jinja2", "qrcode",
             "pydantic", "PyYAML", "vietnam-provinces")


def build_stamp(content_dir: Path, today: dt.date, crop_marks: bool, print_profile: bool = False) -> str:
    options = f"{crop_marks}\0{print_profile}" if print_profile else f"{crop_marks}"  # old stamps stay valid
    digest = hashlib.sha256(f"{today.isoformat()}\0{options}\0{_generator()}\0".encode())
    for path in sorted(content_dir.rglob("*")):
        shown = path.relative_to(content_dir).as_posix()
        if path.is_symlink():  # validate refuses linked photos: a file swapped for a link to the same bytes
            digest.update(f"{shown}\0link\0{os.readlink(path)}\0".encode())  # is a change
        if path.is_file() and path.name != LOCK_FILE:
            digest.update(f"{shown}\0{file_digest(path)}\0".encode())
    return digest.hexdigest()


@functools.cache
def _generator() -> str:
    versions = " ".join(f"{name}={metadata.version(name)}" for name in RENDERERS)
    return fingerprint(PACKAGE, extra=versions)
