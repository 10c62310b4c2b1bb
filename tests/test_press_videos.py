"""A press kit's zip holds a self-hosted video's original only within site.yaml's `press_zip_megabytes`;
over it, the kit lists the video by its address on the site (issue 20, point 4)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ocop_site.model.loader import load_catalog
from ocop_site.targets.press.kit import photo_terms
from ocop_site.targets.press.videos import video_entries

SAMPLE = Path(__file__).resolve().parent.parent / "content"
SLUG = "ly-son-garlic"  # the sample's self-hosted video: media/ly-son-garlic/field-pan.mp4, 52 KB


def test_an_original_over_the_press_zip_limit_is_listed_by_its_address_not_zipped() -> None:
    catalog = load_catalog(SAMPLE, today=dt.date(2026, 11, 22))
    product = catalog.products[SLUG]
    size = (product.media_dir / "field-pan.mp4").stat().st_size
    terms = photo_terms(product, catalog.site)
    site_url = catalog.site.site_url

    within = video_entries(product, "kit/", site_url, terms, size / 1_000_000)  # exactly at the limit: zipped
    assert within["kit/videos/field-pan.mp4"] == (product.media_dir / "field-pan.mp4").read_bytes()
    assert within["kit/videos.txt"].decode().splitlines()[3] == "videos/field-pan.mp4"

    over = video_entries(product, "kit/", site_url, terms, (size - 1) / 1_000_000)  # one byte over
    assert "kit/videos/field-pan.mp4" not in over
    assert over["kit/videos.txt"].decode().splitlines()[3] == f"{site_url}media/{SLUG}/field-pan.mp4"
    # the captions are small text and always travel with the kit
    assert {"kit/videos/field-pan.vi.vtt", "kit/videos/field-pan.en.vtt"} <= set(over)
