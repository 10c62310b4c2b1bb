"""A large catalogue's build stays within its memory (issue 18: 5,000 products in 2 GB): the worker processes
forked from the build keep sharing its pages, and the two languages' MkDocs runs, which each hold every page
of their language, run one after the other above a size."""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
import time
from pathlib import Path

from conftest import TODAY
from content_factory import write_content

from ocop_site.pipeline.builder import build
from ocop_site.targets.cache import LocalProcessPool
from ocop_site.targets.site import mkdocs_project

MB = 2**20


def _private_memory() -> int:
    """This process's pages that no other process shares (written since the fork), in bytes."""
    fields = dict(line.split(":", 1) for line in Path("/proc/self/smaps_rollup").read_text().splitlines()[1:])
    return sum(int(fields[name].split()[0]) * 1024 for name in ("Private_Dirty", "Private_Clean"))


def _a_job_that_collects(index: int) -> dict[str, int]:
    """Work as a printable job does it: many short-lived objects, so the collector runs, then a full collection."""
    scratch = [{"line": [index] * 3} for index in range(200_000)]
    del scratch
    gc.collect()
    return {"private": _private_memory()}


def test_workers_do_not_copy_the_builds_objects():
    catalogue = [{"slug": f"product-{i}", "words": [str(i)] * 4} for i in range(1_000_000)]  # ≈ 300 MB of objects
    results = list(LocalProcessPool().map([(_a_job_that_collects, (i,)) for i in range(4)], workers=2))
    assert len(catalogue) == 1_000_000
    # without gc.freeze() before the fork, each worker's collection writes into every inherited object: ≈ 300 MB
    assert max(result["private"] for result in results) < 120 * MB, results


def _resident() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def _five_megabytes(index: int) -> dict[str, bytes]:
    return {"file": bytes([index % 256]) * (5 * MB)}


def test_finished_jobs_do_not_pile_up_while_the_build_is_busy():
    """The build takes each job's files in order while it does other work (flushing the cache to disk can take
    seconds); the workers must not run far ahead, or the files they finished wait in the build's memory."""
    before, most = _resident(), 0
    for files in LocalProcessPool().map([(_five_megabytes, (i,)) for i in range(40)], workers=2):  # 200 MB made
        assert len(files["file"]) == 5 * MB
        time.sleep(0.05)  # the build, busy
        most = max(most, _resident() - before)
    assert most < 100 * MB  # with every job submitted at once (Executor.map), most of the 500 MB waited here


def _a_large_job(index: int) -> dict[str, bytes]:
    held = [bytes(1024) + str(i).encode() for i in range(300_000)]  # ≈ 0.3 GB while it runs, as a booklet's front
    return {"file": str(len(held) + index).encode() + str(os.getpid()).encode()}


def test_a_job_run_alone_gives_its_memory_back():
    """workers=1 (a booklet's front and join, a large label sheet): one job at a time in a process of its own,
    whose memory goes when it ends; the build's own process does not keep it for the rest of the build."""
    before = _resident()
    files = list(LocalProcessPool().map([(_a_large_job, (i,)) for i in range(2)], workers=1))
    assert [f["file"].startswith(b"30000") for f in files] == [True, True]
    assert str(os.getpid()).encode() not in files[0]["file"][6:]
    assert _resident() - before < 50 * MB


class _MkDocsWatch(threading.Thread):
    """The largest number of MkDocs processes this process had running at one time (forks of it, each named
    "mkdocs LANGUAGE": mkdocs_fork.py)."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.most, self.seen, self._done = 0, 0, threading.Event()

    def run(self) -> None:
        mine = str(os.getpid())
        while not self._done.is_set():
            running = 0
            for entry in os.scandir("/proc"):
                try:
                    if entry.name.isdigit() and Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()[1] \
                            == mine and Path(entry.path, "comm").read_text().startswith("mkdocs "):
                        running += 1
                except OSError:
                    continue
            self.most, self.seen = max(self.most, running), self.seen + running
            time.sleep(0.02)

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.most


def _mkdocs_at_once(tmp_path: Path) -> int:
    content = write_content(tmp_path / "content", count=2)
    watch = _MkDocsWatch()
    watch.start()
    catalog = build(content, tmp_path / "out", today=dt.date.fromisoformat(TODAY), preview=True).catalog
    most = watch.stop()
    assert watch.seen > 0  # the watch saw MkDocs run
    # nor does the build keep every story's rendered passages once the pages are written (≈ 0.3 GB at 5,000)
    assert [story.path for product in catalog.products.values() for story in product.stories.values()
            if "passages" in vars(story)] == []
    return most


def test_mkdocs_builds_both_languages_at_once_for_an_ordinary_catalogue(tmp_path):
    assert _mkdocs_at_once(tmp_path) == 2


def test_mkdocs_builds_one_language_after_the_other_for_a_large_catalogue(tmp_path, monkeypatch):
    monkeypatch.setattr(mkdocs_project, "TOGETHER_UP_TO", 0)  # every catalogue is "large"
    assert _mkdocs_at_once(tmp_path) == 1
