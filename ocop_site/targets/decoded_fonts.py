"""The print fonts (targets/print_fonts.css) decoded from WOFF2 once, when this module is loaded.

WeasyPrint decodes a WOFF2 font each time a font configuration reads its @font-face rule: about 50 ms a
font, six fonts for each kind of piece in each worker process, a fifth of the CPU of a small catalogue's
first build. The build loads this module before it forks its PDF workers (pdf_fetcher.PDF_ENGINE), so the
workers share the decoded bytes, and ClosedFetcher serves them in place of the WOFF2 files. WeasyPrint
writes the same TrueType bytes to its font folder either way: the PDFs do not change. A file that does not
decode is served as it is, so that WeasyPrint treats it as it always did (it leaves out that face only).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from fontTools.ttLib import woff2

PRINT_FONTS = Path(__file__).parent / "print_fonts.css"


def _decode(path: Path) -> bytes | None:
    decoded = io.BytesIO()
    try:
        woff2.decompress(io.BytesIO(path.read_bytes()), decoded)
    except Exception:  # damaged or missing: WeasyPrint meets the file itself, as it did before
        return None
    return decoded.getvalue()


def _font_files() -> list[Path]:
    names = re.findall(r'url\("([^"]+\.woff2)"\)', PRINT_FONTS.read_text(encoding="utf-8"))
    return [(PRINT_FONTS.parent / name).resolve() for name in names]


DECODED: dict[Path, bytes] = {path: data for path in _font_files() if (data := _decode(path)) is not None}
