"""How soon a build publishes the web part (issue 18 items 2 and 3), without waiting for printables.

    python benchmarks/web_first.py --count 619 --work /tmp/web-first
    python benchmarks/web_first.py --count 619 --work /tmp/web-first --reuse   # content already written

Steps, each the real command as a subprocess (wall-clock and CPU seconds of its process tree, the
machine's load before and after):
1. a preview build, cold (what `ocop-site serve` runs: pages, photos, stubs, kiosk, no printables);
2. a full build stopped once its web part is published (the checkpoint 'web-published'): after the
   preview it indexes search for both languages;
3. one sentence appended to one Vietnamese story, then a full build stopped once its web part is
   published: the time from the start of the build to the web page of the edit being live;
4. the same edit undone, then a preview build (serve's rebuild after a save).

A full build's printables are not made here: a cold 619-product build of every PDF takes about 25
minutes on a quiet machine (benchmarks/run.py measures it). Stopping a build at a checkpoint with
SIGKILL is safe by design (tests/test_build_faults.py).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import SEED, TODAY, _kill_tree, _loadavg, code_version, log, machine
from synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
PAUSED = "ocop-site: paused at 'web-published'"
EDIT = "\n\nCâu này được thêm vào để đo thời gian đăng trang web sau khi sửa một câu chuyện.\n"
PREVIEW = ("from ocop_site.pipeline.builder import build; import datetime, sys; from pathlib import Path; "
           "build(Path(sys.argv[1]), Path(sys.argv[2]), today=datetime.date.fromisoformat(sys.argv[3]), "
           "progress=print, preview=True)")


@dataclass
class Step:
    name: str
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    load_before: str = ""
    load_after: str = ""
    lines: list[tuple[float, str]] = field(default_factory=list)


def run_step(name: str, command: list[str], stop_at_web: bool, timeout: float) -> Step:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    if stop_at_web:
        env["OCOP_SITE_TEST_PAUSE_AT"] = "web-published"
    step = Step(name, load_before=_loadavg())
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    web_live = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            step.lines.append((round(time.monotonic() - started, 2), line.rstrip()))
            if line.startswith(PAUSED):
                web_live.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    while True:
        pid, _status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if web_live.is_set() or time.monotonic() - started > timeout:
            step.seconds = round(time.monotonic() - started, 2)
            _kill_tree(process.pid)
            _, _status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.02)
    if not step.seconds:
        step.seconds = round(time.monotonic() - started, 2)
    step.cpu_seconds = round(usage.ru_utime + usage.ru_stime, 1)
    step.load_after = _loadavg()
    reader.join(timeout=10)
    if stop_at_web and not web_live.is_set():
        raise SystemExit(f"{name}: the web part was never published:\n" + "\n".join(t for _, t in step.lines[-20:]))
    return step


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=619)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--reuse", action="store_true", help="the content folder is already written")
    parser.add_argument("--timeout", type=float, default=7200)
    args = parser.parse_args()
    content, out = args.work / "content", args.work / "out"
    if not args.reuse:
        log(f"writing {args.count} synthetic products …")
        write_synthetic(content, args.count, seed=SEED)
    slug = sorted(p.stem for p in (content / "products").glob("*.yaml"))[0]
    build = [sys.executable, "-m", "ocop_site", "build", "--content", str(content), "--out", str(out), "--today", TODAY]
    preview = [sys.executable, "-c", PREVIEW, str(content), str(out), TODAY]
    steps: list[Step] = []
    result = Path(__file__).resolve().parent / "web-first-results.json"

    def done(step: Step) -> None:
        """Record each step as it ends: a long run cut short keeps what it measured."""
        steps.append(step)
        pages = next((text for _, text in step.lines if text.startswith("Pages generated")), "")
        log(f"{step.name}: {step.seconds} s wall, {step.cpu_seconds} CPU-s, load {step.load_before} → "
            f"{step.load_after}; {pages}")
        record = {"count": args.count, "code": code_version(), "machine": machine(),
                  "measured": time.strftime("%Y-%m-%d %H:%M"), "steps": [asdict(step) for step in steps]}
        result.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")

    log("1. preview build, cold …")
    done(run_step("preview build, cold", preview, False, args.timeout))
    log("2. full build until its web part is published …")
    done(run_step("full build after the preview, until the web part is live", build, True, args.timeout))
    story = content / "stories" / f"{slug}.vi.md"
    original = story.read_text(encoding="utf-8")
    story.write_text(original + EDIT, encoding="utf-8")
    log(f"3. {story.name} edited, full build until its web part is published …")
    done(run_step("one story edited: full build until the web part is live", build, True, args.timeout))
    story.write_text(original, encoding="utf-8")
    log("4. the edit undone, preview build …")
    done(run_step("the edit undone: preview build", preview, False, args.timeout))
    log(f"written to {result}")
    for step in steps[2:3]:
        for seconds, text in step.lines:
            if re.match(r"(Pages|  MkDocs|  Search|Photos|QR landing|Kiosk|Web part)", text):
                log(f"  {seconds:7.2f} s  {text}")


if __name__ == "__main__":
    main()
