"""Shared fixtures: a valid content folder in a temporary directory, the CLI as a function, and the
sample site built once per test session."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from content_factory import write_content

from ocop_site.cli import main
from ocop_site.pipeline.builder import build

TODAY = "2026-11-22"


@pytest.fixture(autouse=True, scope="session")
def shared_render_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The render cache is content-addressed, so tests may share it: the same photo or PDF is
    rendered once per test run, not once per test build. Tests about caching set their own."""
    os.environ.setdefault("OCOP_SITE_CACHE", str(tmp_path_factory.mktemp("render-cache")))


SAMPLE_CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/content with two valid products; the working directory is tmp, so paths read content/…"""
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path / "content", count=2)
    return Path("content")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once per session, from a copy: the repository's content/ is never written."""
    root = tmp_path_factory.mktemp("sample-site")
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    return build(root / "content", root / "out", today=dt.date.fromisoformat(TODAY)).site


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `ocop-site ARGS…`; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
