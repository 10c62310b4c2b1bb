"""Shared fixtures: a valid content folder in a temporary directory, and the CLI as a function."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from content_factory import write_content

from ocop_site.cli import main

TODAY = "2026-11-22"


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/content with two valid products; the working directory is tmp, so paths read content/…"""
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path / "content", count=2)
    return Path("content")


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
