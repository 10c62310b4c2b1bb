"""The print fonts (targets/print_fonts.css) decoded from WOFF2 once, when this module is loaded.

WeasyPrint decodes a WOFF2 font each time a font configuration reads its @font-face rule: about 50 ms a
font, six fonts for each kind of piece in each worker process, a fifth of the CPU of a small catalogue's
first build. The build loads this module before it forks its PDF workers (pdf_fetcher.PDF_ENGINE), so the
workers share the decoded bytes, and ClosedFetcher serves them in place of the WOFF2 files. WeasyPrint
writes the same TrueType bytes to its font folder either way: the PDFs do not change.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from fontTools.ttLib import woff2

PRINT_FONTS = Path(__file__).parent / "print_fonts.css"


def _decode(path: Path) -> bytes:
    decoded = io.BytesIO()
    woff2.decompress(io.BytesIO(path.read_bytes()), decoded)
    return decoded.getvalue()


def _font_files() -> list[Path]:
    names = re.findall(r'url\("([^"]+\.woff2)"\)', PRINT_FONTS.read_text(encoding="utf-8"))
    return [(PRINT_FONTS.parent / name).resolve() for name in names]


DECODED: dict[Path, bytes] = {path: _decode(path) for path in _font_files()}  # by real path
