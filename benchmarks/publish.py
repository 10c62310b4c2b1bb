"""Time publish() alone: the files of a built site published again and again into a folder of its own, as a
build's publishes do (docs/performance.md, fourteenth session).

    python benchmarks/publish.py OUT/site --runs 3
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ocop_site.pipeline.publish import publish


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path, help="a built site (OUT/site): its files are the outputs")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    source = args.site.resolve()
    outputs = {path.relative_to(source).as_posix(): path for path in source.rglob("*") if path.is_file()}
    work = Path(tempfile.mkdtemp(prefix="ocop-publish-"))
    try:
        for run in range(args.runs + 2):  # the first two have no spare yet: made from nothing
            wall, cpu = time.monotonic(), time.process_time()
            publish(outputs, work / "site", work / "published.json", immutable=set(outputs.values()))
            kind = "from nothing" if run < 2 else "from the spare"
            print(f"{len(outputs)} files, {kind}: {time.monotonic() - wall:.3f} s wall, "
                  f"{time.process_time() - cpu:.3f} CPU-s")
    finally:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
