"""The printables benchmark: every flyer, brochure and catalogue booklet of the sample content.

    python benchmarks/printables.py [--content DIR] [--workers N]

Renders, in both languages, the A5 flyer and the A4 tri-fold brochure of every listed product and the
catalogue booklet, first one after another in this process, then spread over N worker processes
(default 2) as the build does. It prints seconds per flyer and per brochure (the mean over all of
them), seconds per booklet, and the wall-clock time of the whole set each way. Each process loads
the fonts once (most of a second) before its first piece; that is counted in the totals and in the
first flyer. Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ocop_site.model.loader import load_catalog  # noqa: E402
from ocop_site.targets.printables import booklet_pdf, brochure_pdf, flyer_pdf  # noqa: E402

TODAY = dt.date(2026, 11, 22)
LANGUAGES = ("vi", "en")

Job = tuple[str, Callable[..., bytes], tuple]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    catalog = load_catalog(options.content, today=TODAY)
    site_url = catalog.site.site_url
    products = catalog.listed
    jobs: list[Job] = [(kind, render, (product, language, site_url))
                       for kind, render in (("flyer", flyer_pdf), ("brochure", brochure_pdf))
                       for product in products for language in LANGUAGES]
    jobs += [("booklet", booklet_pdf, (products, language, site_url)) for language in LANGUAGES]

    print(f"{len(products)} products, {len(jobs)} PDFs; Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs")
    seconds: dict[str, list[float]] = {"flyer": [], "brochure": [], "booklet": []}
    sizes: dict[str, int] = dict.fromkeys(seconds, 0)
    start = time.perf_counter()
    for kind, render, args in jobs:
        began = time.perf_counter()
        sizes[kind] += len(render(*args))
        seconds[kind].append(time.perf_counter() - began)
    sequential = time.perf_counter() - start
    for kind, times in seconds.items():
        print(f"{kind:9} {sum(times) / len(times):6.2f} s each  ({len(times)} rendered, "
              f"{sizes[kind] / len(times) / 1e6:.2f} MB each, slowest {max(times):.2f} s)")
    print(f"all printables, sequentially:       {sequential:6.1f} s")

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=options.workers) as pool:
        # the booklets first: the longest jobs, so that the workers finish together
        ordered = sorted(jobs, key=lambda job: job[0] != "booklet")
        for future in [pool.submit(render, *args) for _, render, args in ordered]:
            future.result()
    print(f"all printables, {options.workers} worker processes: {time.perf_counter() - start:6.1f} s")


if __name__ == "__main__":
    main()
