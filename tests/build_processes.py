"""Builds as real processes, for the fault tests (test_build_faults.py, test_cache_faults.py): started, paused at
a step (OCOP_SITE_TEST_PAUSE_AT), waited for, killed; and what a site and a folder hold afterwards."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from conftest import TODAY

from ocop_site.pipeline.checkpoint import PAUSE_SETTING

REPO = Path(__file__).resolve().parent.parent


def command(content: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "ocop_site", "build", "--content", str(content), "--out", str(out),
            "--today", TODAY, *extra]


STARTED: list[subprocess.Popen] = []


def stop_started() -> None:
    """Kill and reap every build `start` started that still runs (conftest.py does it after each test: a failing
    test must not leave a paused build waiting forever)."""
    while STARTED:
        build = STARTED.pop()
        if build.poll() is None:
            build.kill()
        build.wait()


def start(content: Path, out: Path, pause: str | None = None, umask: int | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop(PAUSE_SETTING, None)
    if pause:
        env[PAUSE_SETTING] = pause
    build = subprocess.Popen(command(content, out), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, preexec_fn=(lambda: os.umask(umask)) if umask is not None else None)
    STARTED.append(build)
    return build


def run(content: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command(content, out), env={**os.environ, "PYTHONPATH": str(REPO)},
                          capture_output=True, text=True)


def wait_for(stream, line: str, process: subprocess.Popen) -> None:
    """Read `stream` until `line` comes (the build has reached that point)."""
    seen = []
    while True:
        got = stream.readline()
        if not got:
            raise AssertionError(f"the build ended (code {process.wait()}) before {line!r}:\n{''.join(seen)}")
        seen.append(got)
        if got.rstrip("\n") == line:
            return


def paused(step: str) -> str:
    return f"ocop-site: paused at '{step}' ({PAUSE_SETTING}); send SIGUSR1 to go on"


def snapshot(site: Path) -> dict[str, tuple[str, int]]:
    """Every file of the site (through the OUT/site link): its bytes' digest and its mode."""
    return {path.relative_to(site).as_posix(): (hashlib.sha256(path.read_bytes()).hexdigest(),
                                                path.stat().st_mode & 0o777)
            for path in sorted(site.rglob("*")) if path.is_file()}


def no_temporary_files(*folders: Path) -> list[str]:
    return [str(path) for folder in folders for path in folder.rglob("*") if path.name.endswith(".tmp")]
