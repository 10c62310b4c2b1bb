"""Public paths of the trips (DESIGN.md: /trips/<slug>/ and /en/trips/<slug>/; PDFs under /print/)."""

from __future__ import annotations

TRIPS_INDEX = "trips/"


def trip_page(slug: str) -> str:
    return f"trips/{slug}/"


def trip_guide(slug: str, language: str) -> str:
    """The A5 guide booklet, named so that a print shop knows what it is."""
    return f"print/trips/{slug}-guide-{language}.pdf"
