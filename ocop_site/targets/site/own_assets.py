"""The site's own stylesheet and script, named by their bytes. A module of its own because the MkDocs
hooks (hooks.py) need the stylesheet: each MkDocs process loads them, and loading the project module
with the catalogue model cost it 0.3 CPU-s."""

from __future__ import annotations

import hashlib
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"


def _digest_name(stem: str, data: bytes, ext: str) -> str:
    """A name that changes with the bytes, so hosts may cache the file for a year (docs/deployment.md)."""
    return f"assets/{stem}.{hashlib.sha256(data).hexdigest()[:10]}.{ext}"


# The site's own style (fonts first) as one stylesheet, one request less before the first paint
STYLE_BYTES = (ASSETS / "fonts.css").read_bytes() + b"\n" + (ASSETS / "ocop.css").read_bytes()
STYLESHEET = _digest_name("ocop", STYLE_BYTES, "css")
SCRIPT_BYTES = (ASSETS / "ocop.js").read_bytes()
SCRIPT = _digest_name("ocop", SCRIPT_BYTES, "js")
