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

# The browser tests drive Debian's chromium-headless-shell: the same Chromium, version and Blink without the
# desktop browser around it, which Playwright itself runs for headless tests. It takes half the CPU of the full
# browser in its new headless mode, with the same results (docs/performance.md, sixteenth session).
# Lighthouse runs the full browser, as its authors advise (test_quality_gates.py).
HEADLESS_SHELL = Path("/usr/bin/chromium-headless-shell")
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
    """The browser Playwright drives: Debian's chromium-headless-shell."""
    if not HEADLESS_SHELL.exists():
        missing(f"{HEADLESS_SHELL} is missing: install Debian's chromium-headless-shell package (the README's test "
                "command does)")
    return HEADLESS_SHELL


def launch_chromium(playwright, args: list[str] | None = None, **options):
    """Headless Debian Chromium through Playwright (its own downloaded browsers are never used)."""
    return playwright.chromium.launch(executable_path=str(need_chromium()), headless=True,
                                      args=LAUNCH_ARGS if args is None else args, **options)
