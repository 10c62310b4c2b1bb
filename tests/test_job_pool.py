"""The render cache's job pool is an interface (issue 18 item 5): another executor can replace the local
process pool. Here a thread pool, a real executor of another kind, renders real photo jobs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from content_factory import write_content
from PIL import Image

from ocop_site.targets.cache import Call, Files, LocalProcessPool, OutputCache
from ocop_site.targets.site.images import picture_jobs, plan_picture


class ThreadPool:
    """Another executor: threads of this process, which record the calls they ran."""

    def __init__(self) -> None:
        self.ran: list[str] = []

    def map(self, calls: list[Call], workers: int, imports: tuple[str, ...] = ()) -> Iterator[Files]:
        self.ran.extend(make.__name__ for make, _args in calls)
        with ThreadPoolExecutor(max_workers=workers) as pool:
            yield from pool.map(lambda call: call[0](*call[1]), calls)


def _photo_jobs(tmp_path: Path):
    content = write_content(tmp_path / "content", count=2)
    photos = sorted((content / "media").rglob("hero.jpg"))
    return picture_jobs([plan_picture(photo, photo.parent.name) for photo in photos])


def test_another_executor_renders_the_jobs_the_cache_then_keeps(tmp_path):
    jobs = _photo_jobs(tmp_path)
    pool = ThreadPool()
    cache = OutputCache(tmp_path / "cache", pool=pool)
    assert cache.run(list(jobs.values())) == 2
    assert len(pool.ran) == 2
    for picture, job in jobs.items():
        width = picture.widths[0]
        with Image.open(cache.path(job.key, f"{width}.webp")) as image:
            assert image.width == width
    assert cache.run(list(jobs.values())) == 0 and len(pool.ran) == 2  # cached: the pool is not asked again


def test_the_local_process_pool_gives_the_same_files(tmp_path):
    jobs = _photo_jobs(tmp_path)
    threads, processes = OutputCache(tmp_path / "a", pool=ThreadPool()), OutputCache(tmp_path / "b")
    assert isinstance(processes.pool, LocalProcessPool)
    threads.run(list(jobs.values()))
    processes.run(list(jobs.values()))
    for picture, job in jobs.items():
        for width in picture.widths:
            name = f"{width}.webp"
            assert threads.path(job.key, name).read_bytes() == processes.path(job.key, name).read_bytes()


def _loaded_before_the_job(name: str) -> Files:
    return {"loaded": str(name in sys.modules).encode(), "pid": str(os.getpid()).encode()}


def test_modules_the_jobs_load_are_loaded_once_by_the_build_before_it_forks(tmp_path, monkeypatch):
    """A worker shares what the build loaded before forking it: WeasyPrint is loaded once per build,
    not once per worker of each step (0.4 CPU-s each)."""
    module = f"loaded_for_workers_{os.getpid()}"
    (tmp_path / f"{module}.py").write_text("VALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert module not in sys.modules
    calls = [(_loaded_before_the_job, (module,))] * 2
    files = list(LocalProcessPool().map(calls, workers=2, imports=(module,)))
    assert [entry["loaded"] for entry in files] == [b"True", b"True"]
    assert all(int(entry["pid"]) != os.getpid() for entry in files)  # in worker processes
    assert module in sys.modules
