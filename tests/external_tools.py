"""The outside programs the tests drive, and what happens when one is missing.

In CI (the environment variable CI set to anything but "", "0" or "false") a missing tool fails the
test that needs it; on a developer's machine it skips that test with a reason saying what to
install. Never skip a whole module at import time: its other tests would vanish without a word.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NoReturn

import pytest

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run", "--disable-quic"]


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def missing(reason: str) -> NoReturn:
    """Stop the current test for lack of a tool: a failure in CI, a skip with `reason` elsewhere."""
    if in_ci():
        pytest.fail(f"{reason} (CI is set: a missing tool fails the run)", pytrace=False)
    pytest.skip(reason)


def need_chromium() -> Path:
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} is missing: install Debian's chromium package (the README's test command does)")
    return CHROMIUM


def launch_chromium(playwright, args: list[str] | None = None, **options):
    """Headless Debian Chromium through Playwright (its own downloaded browsers are never used)."""
    return playwright.chromium.launch(executable_path=str(need_chromium()), headless=True,
                                      args=LAUNCH_ARGS if args is None else args, **options)
