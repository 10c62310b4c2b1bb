"""How the press kit writes a file size (its words are in the message catalogue, ocop_site/i18n.py)."""

from __future__ import annotations


def file_size(size: int, language: str) -> str:
    """2_180_000 → '2,2 MB' (vi) or '2.2 MB' (en); small files in kB."""
    text = f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, round(size / 1000))} kB"
    return text.replace(".", ",") if language == "vi" else text
