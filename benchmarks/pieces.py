"""The per-product jobs benchmark: CPU-seconds of each kind of job, one at a time, and a hash of its output.

    python benchmarks/pieces.py [--content DIR] [--kinds flyer,brochure,...] [--json FILE]

Runs, in this one process and one after another, the functions the build's worker processes run for
each product: the A5 flyer and the A4 brochure (both languages), the QR artwork of each code and the
A4 label sheets, the web renditions of each photo, and the share cards. For each kind it prints the
median CPU-seconds (user + system of this process, `time.process_time`) of one job, the total, and a
SHA-256 over every output in order: run it before and after a change to see both what it saves and
whether the bytes stayed the same. A warm-up job of each kind (fonts, style sheets) is not counted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop_site.model.loader import load_catalog  # noqa: E402

TODAY = dt.date(2026, 11, 22)
LANGUAGES = ("vi", "en")
KINDS = ("flyer", "brochure", "qr", "sheets", "photos", "share")


def jobs(catalog, kind: str) -> list[tuple[Callable[..., object], tuple]]:
    """The build's own job functions and arguments for one kind (see each target's files.py)."""
    site_url = catalog.site.site_url
    if kind in ("flyer", "brochure"):
        from ocop_site.targets.printables import files as printables

        make = printables._flyer if kind == "flyer" else printables._brochure
        return [(make, (p, language, site_url, False, p.expired(catalog.today), "screen"))
                for p in catalog.listed for language in LANGUAGES]
    if kind in ("qr", "sheets"):
        from ocop_site.targets.qr import files as qr

        captured: list = []
        real_run = qr.OutputCache.run

        def capture(self, job_list, workers=2):  # the jobs render_qr makes, in its order
            captured.extend(job_list)
            if all(job.make is qr._product_files for job in job_list):  # the labels the sheets are imposed from
                real_run(self, job_list, workers=1)
            return 0

        qr.OutputCache.run = capture
        try:
            qr.render_qr(catalog, qr.OutputCache(Path(tempfile.mkdtemp(prefix="pieces-qr-"))), lambda _: None)
        finally:
            qr.OutputCache.run = real_run
        product_jobs = [(job.make, job.args) for job in captured if job.make is qr._product_files]
        if kind == "qr":
            return product_jobs
        return [(job.make, job.args) for job in captured if job.make is not qr._product_files]
    if kind == "photos":
        from ocop_site.targets.site.images import picture_jobs, plan_picture

        pictures = [plan_picture(p.image_path(i), p.slug) for p in catalog.listed
                    for i in range(len(p.record.images))]
        return [(job.make, job.args) for job in picture_jobs(pictures).values()]
    if kind == "share":
        from ocop_site.targets.share import files as share

        captured = []
        real_run = share.OutputCache.run

        def capture_share(self, job_list, workers=2):
            captured.extend(job_list)
            return 0

        share.OutputCache.run = capture_share
        try:
            share.render_share_cards(catalog, share.OutputCache(Path("/nonexistent")), lambda _: None)
        finally:
            share.OutputCache.run = real_run
        return [(job.make, job.args) for job in captured]
    raise ValueError(kind)


def measure(catalog, kind: str) -> dict[str, object]:
    work = jobs(catalog, kind)
    work[0][0](*work[0][1])  # warm-up: fonts and style sheets, once per worker process in a build
    digest = hashlib.sha256()
    seconds = []
    for make, args in work:
        began = time.process_time()
        files = make(*args)
        seconds.append(time.process_time() - began)
        for name in sorted(files):
            data = files[name]
            digest.update(name.encode() + b"\0" + (data.read_bytes() if isinstance(data, Path) else data))
            if isinstance(data, Path):
                data.unlink()
    return {"kind": kind, "jobs": len(work), "median": statistics.median(seconds), "total": sum(seconds),
            "sha256": digest.hexdigest()}


def paired(catalog, kind: str, lever: str) -> dict[str, object]:
    """Each job twice in a row, the lever on and off (alternating which goes first), in this one process:
    on a shared machine the two runs of a pair see the same load, so the median of the pairs' ratios is
    steadier than two separate runs."""
    import contextlib

    from ocop_site.targets.printables import document

    switches = {"lines": (document, "cached_line_breaks")}
    module, name = switches[lever]
    real = getattr(module, name)
    work = jobs(catalog, kind)
    work[0][0](*work[0][1])
    on, off, same = [], [], True
    for number, (make, args) in enumerate(work):
        results = {}
        for state in (("on", "off") if number % 2 == 0 else ("off", "on")):
            setattr(module, name, real if state == "on" else contextlib.nullcontext)
            began = time.process_time()
            results[state] = make(*args)
            (on if state == "on" else off).append(time.process_time() - began)
        setattr(module, name, real)
        same &= results["on"] == results["off"]
    ratios = [a / b for a, b in zip(on, off, strict=True)]
    return {"kind": kind, "lever": lever, "jobs": len(work), "on": statistics.median(on),
            "off": statistics.median(off), "ratio": statistics.median(ratios), "same bytes": same}


def turn_off(levers: list[str]) -> None:
    import contextlib

    if not levers:
        return
    from ocop_site.targets.printables import document

    for lever in levers:
        if lever == "lines":
            document.cached_line_breaks = contextlib.nullcontext
        else:
            raise SystemExit(f"unknown lever {lever!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--json", type=Path)
    parser.add_argument("--paired", default="", help="measure one lever (lines) on and off, job by job")
    parser.add_argument("--off", default="", help="levers to turn off, to measure each alone: lines (the "
                        "line-break cache)")
    options = parser.parse_args()
    turn_off(options.off.split(",") if options.off else [])
    catalog = load_catalog(options.content, today=TODAY)
    results = []
    print(f"{len(catalog.listed)} products; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for kind in options.kinds.split(","):
        if options.paired:
            result = paired(catalog, kind, options.paired)
            print(f"{kind:9} {result['jobs']:4} jobs  {options.paired} on {result['on']:.4f}  off {result['off']:.4f}"
                  f" CPU-s (medians)  median ratio {result['ratio']:.3f}  same bytes: {result['same bytes']}",
                  flush=True)
            results.append(result)
            continue
        result = measure(catalog, kind)
        results.append(result)
        print(f"{kind:9} {result['jobs']:4} jobs  median {result['median']:.4f} CPU-s  total {result['total']:7.2f}"
              f" CPU-s  sha256 {result['sha256'][:16]}", flush=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if options.json:
        options.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
