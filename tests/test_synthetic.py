"""The benchmark's synthetic content (benchmarks/synthetic.py) is valid and the same for the same seed."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from synthetic import write_synthetic

from ocop_site.content.stories import SECTIONS
from ocop_site.model.loader import load_catalog


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_content_is_valid_complete_and_deterministic(tmp_path: Path) -> None:
    slugs = write_synthetic(tmp_path / "a", 12, seed=7, workers=1)
    write_synthetic(tmp_path / "b", 12, seed=7, workers=1)
    write_synthetic(tmp_path / "c", 12, seed=8, workers=1)

    catalog = load_catalog(tmp_path / "a", today=dt.date(2026, 11, 22))  # raises on any content error
    assert sorted(catalog.products) == sorted(slugs)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    products = list(catalog.products.values())
    assert len({p.record.code for p in products}) == 12
    assert all(len(p.record.code) <= 6 for p in products)
    assert {p.record.stars for p in products} <= {3, 4, 5}
    assert len({p.record.group for p in products}) >= 4
    assert len({p.record.locality.commune for p in products}) == 12
    for product in products:
        for language in ("vi", "en"):
            story = product.stories[language]
            assert set(story.sections) == set(SECTIONS)
            for body in story.sections.values():
                assert 80 <= len(body.split()) <= 150, (product.slug, language, len(body.split()))
    vietnamese = " ".join(p.stories["vi"].sections["origin"] for p in products)
    assert "đ" in vietnamese.lower() and "ệ" in vietnamese
    heroes = {(tmp_path / "a" / "media" / p.slug / "hero.jpg").read_bytes() for p in products}
    assert len(heroes) == 12  # every product has its own photos


def test_a_benchmark_started_at_low_priority_in_a_session_of_its_own_gives_its_group_that_priority():
    """A benchmark beside other work must yield the cores: `nice` alone does not across sessions (autogroups)."""
    if not Path("/proc/self/autogroup").exists():
        pytest.fail("this kernel has no autogroups (/proc/self/autogroup): the benchmark's priority cannot be shown")
    code = ("import sys; sys.path.insert(0, 'benchmarks'); import run; run.share_niceness_with_group(); "
            "print(open('/proc/self/autogroup').read().split()[-1])")
    done = subprocess.run(["setsid", "nice", "-n", "17", sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parent.parent)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "17\n"
