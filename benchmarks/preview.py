"""The preview benchmark: from saving one product's record to the reload signal of `ocop-site serve`.

    python benchmarks/preview.py [--content DIR] [--runs N] [--keep DIR]

Copies the content (default: the sample) to a temporary folder, starts the real command
`python -m ocop_site serve` on a free port and waits for its first build (which skips printables,
QR artwork and share cards, as every preview build does). Then, N times (default 7), it opens the
reload long-poll the served pages use, rewrites one product's Vietnamese name (a different product
each run) and measures the wall-clock time from
the write to the answer of the long-poll: watching, debouncing, the incremental build (both MkDocs
runs, search index, publishing) and the signal. Each save adds or removes " (mới)" at the end of
the name. Prints each run, the median and the range, and the CPU seconds the server and its MkDocs
processes used per save (from /proc: unlike the wall-clock time, it does not depend on what else
the machine is doing).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENDPOINT = "/__ocop_reload"  # ocop_site.pipeline.livereload.ENDPOINT
TODAY = "2026-11-22"
_NAME_VI = re.compile(r"^(name:\n  vi: )(.*)$", re.MULTILINE)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    options = parser.parse_args()
    work = options.keep or Path(tempfile.mkdtemp(prefix="ocop-preview-"))
    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    shutil.copytree(options.content, content)
    records = sorted((content / "products").glob("*.yaml"))
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "ocop_site", "serve", "--content", str(content), "--out", str(work / "out"),
         "--port", str(port), "--today", TODAY],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{len(records)} products; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.2f}")
    try:
        started = time.perf_counter()
        version = _wait_until_up(base)
        print(f"first preview build: {time.perf_counter() - started:.1f} s")
        times, cpu = [], []
        for run in range(options.runs):
            record = records[run % len(records)]
            used = _cpu_seconds(server.pid)
            seconds, version = _time_one_save(base, record, version)
            time.sleep(0.5)  # let the server reap its MkDocs processes, so their CPU time is counted
            times.append(seconds)
            cpu.append(_cpu_seconds(server.pid) - used)
            print(f"run {run + 1}: {record.stem}: {seconds:.2f} s ({cpu[-1]:.2f} CPU-s)")
        print(f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}) over "
              f"{len(times)} saves, {statistics.median(cpu):.2f} CPU-s each (median); "
              f"load average {os.getloadavg()[0]:.2f}")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not options.keep:
            shutil.rmtree(work, ignore_errors=True)


def _time_one_save(base: str, record: Path, version: int) -> tuple[float, int]:
    answer: list[int] = []
    poll = threading.Thread(target=lambda: answer.append(_poll(base, version)))
    poll.start()
    time.sleep(0.2)  # the long-poll is open, as in a browser tab
    text = record.read_text(encoding="utf-8")
    changed = _NAME_VI.sub(lambda m: m.group(1) + _toggled(m.group(2)), text, count=1)
    if changed == text:
        raise SystemExit(f"{record}: no 'name: vi:' line to change")
    written = time.perf_counter()
    record.write_text(changed, encoding="utf-8")
    poll.join(timeout=120)
    if not answer or answer[0] == version:
        raise SystemExit(f"no reload signal within 120 s after saving {record.name}")
    return time.perf_counter() - written, answer[0]


def _toggled(name: str) -> str:
    return name.removesuffix(" (mới)") if name.endswith(" (mới)") else name + " (mới)"


def _poll(base: str, seen: int) -> int:
    while True:
        with urllib.request.urlopen(f"{base}{ENDPOINT}?since={seen}", timeout=60) as response:
            version = int(response.read())
        if version != seen:
            return version


def _wait_until_up(base: str, seconds: float = 600) -> int:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}{ENDPOINT}?since=-1", timeout=5) as response:
                return int(response.read())
        except OSError:
            time.sleep(0.2)
    raise SystemExit("the preview server did not come up")


def _cpu_seconds(pid: int) -> float:
    """User + system time of the server and of its finished child processes (MkDocs), from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return sum(int(value) for value in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


if __name__ == "__main__":
    main()
