"""Shared fixtures: a valid content folder in a temporary directory, the CLI as a function, the
sample site built once per test run (shared by the parallel workers of `pytest -n`), and Debian's
Chromium. In CI a skipped test fails: a missing tool must never pass unnoticed (tests/external_tools.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from filelock import FileLock

sys.path.insert(0, str(Path(__file__).parent))

from content_factory import write_content
from external_tools import in_ci, need_chromium

from ocop_site.cli import main
from ocop_site.pipeline.builder import build

TODAY = "2026-11-22"


@pytest.fixture(autouse=True, scope="session")
def shared_render_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The render cache is content-addressed, so tests may share it: the same photo or PDF is
    rendered once per test run, not once per test build. Tests about caching set their own."""
    os.environ.setdefault("OCOP_SITE_CACHE", str(tmp_path_factory.mktemp("render-cache")))


SAMPLE_CONTENT = Path(__file__).resolve().parent.parent / "content"


@pytest.fixture(autouse=True)
def no_build_left_behind() -> Iterator[None]:
    """A failing test must not leave a build it started paused and waiting forever (tests/build_processes.py)."""
    yield
    if "build_processes" in sys.modules:  # only tests that start builds load it
        sys.modules["build_processes"].stop_started()


@pytest.fixture
def content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/content with two valid products; the working directory is tmp, so paths read content/…"""
    monkeypatch.chdir(tmp_path)
    write_content(tmp_path / "content", count=2)
    return Path("content")


@pytest.fixture(scope="session")
def two_products_built(tmp_path_factory: pytest.TempPathFactory, shared_render_cache: None) -> Path:
    """A folder with content/ (the two products of the `content` fixture) and out/, its build by `ocop-site
    build` run from that folder as the tests run it (relative paths: nothing in out/ names the folder), once per
    test run: under `pytest -n N` the first worker that needs it builds it and the others wait for it (a cold
    build, 7 CPU-s, that each worker made again). It has a render cache of its own, which nothing else writes;
    each worker's render cache then gets a copy of the entries it lacks, as when the worker built it itself.
    Tests never use it directly: `built_content` gives each its own copy."""
    if os.environ.get("PYTEST_XDIST_WORKER"):  # the run's folder, above each worker's
        root = _made_once(tmp_path_factory.getbasetemp().parent / "two-products-built", _build_two_products)
    else:
        root = _build_two_products(tmp_path_factory.mktemp("two-products-built"))
    _copy_missing(root / "cache", Path(os.environ["OCOP_SITE_CACHE"]))
    return root


def _build_two_products(root: Path) -> Path:
    write_content(root / "content", count=2)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(root)
        patch.setenv("OCOP_SITE_CACHE", str(root / "cache"))
        assert main(["build", "--content", "content", "--out", "out", "--today", TODAY]) == 0
    return root


def _copy_missing(source: Path, target: Path) -> None:
    """Copy each rendered entry (a folder of outputs/) and each kept file of `source` that `target` lacks; never
    write into what `target` has (its files are hard-linked into sites of earlier tests). Each is copied beside
    its place and moved in whole: workers given one render cache (OCOP_SITE_CACHE set before pytest) copy at once."""
    for path in sorted(source.rglob("*")):
        copy = target / path.relative_to(source)
        entry = path.is_dir() and path.parent.parent.name == "outputs"  # outputs/<2 hex>/<key>: one entry, whole
        kept = path.is_file() and not any(part.parent.parent.name == "outputs" for part in path.parents)
        if not (entry or kept) or copy.exists() or copy.is_symlink():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        temporary = copy.with_name(f".{copy.name}.{os.getpid()}.tmp")
        if entry:
            shutil.copytree(path, temporary)
            try:
                temporary.rename(copy)  # refused when another worker's copy is already there
            except OSError:
                shutil.rmtree(temporary)
        else:
            shutil.copy2(path, temporary)
            with contextlib.suppress(FileExistsError):
                os.link(temporary, copy)  # never replaces a file another worker put there first
            temporary.unlink()


@pytest.fixture
def built_content(two_products_built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """What the `content` fixture gives, already built into tmp/out: a copy of one build (two_products_built),
    new files, not links, since tests edit the content and the site in place. Returns Path("content")."""
    monkeypatch.chdir(tmp_path)
    for name in ("content", "out"):
        shutil.copytree(two_products_built / name, tmp_path / name, symlinks=True)  # out/site links by a relative name
    return Path("content")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample content built once per test run, from a copy: the repository's content/ is never
    written. Under `pytest -n N` the first worker to need it builds it in the folder the workers share
    and the others wait for it; tests only read it. OCOP_TEST_SAMPLE_DIR names a fresh folder to keep
    it in across runs (never one that outlives the content it was built from)."""
    if os.environ.get("OCOP_TEST_SAMPLE_DIR"):  # scripts/test.sh: one build for its two pytest runs
        root = Path(os.environ["OCOP_TEST_SAMPLE_DIR"]) / "sample-site"
    elif os.environ.get("PYTEST_XDIST_WORKER"):
        root = tmp_path_factory.getbasetemp().parent / "sample-site"  # one run's folder, above each worker's
    else:
        return _build_sample(tmp_path_factory.mktemp("sample-site"))
    return _made_once(root, _build_sample)


def _made_once(root: Path, make: Callable[[Path], Path]) -> Path:
    """`make(root)`'s answer, made by the first process that asks (the others wait on a file lock) and
    remembered in `root`/built, written only after `make` has returned: a failed one is tried again."""
    with FileLock(f"{root}.lock"):
        built = root / "built"
        if not built.is_file():
            if root.exists():
                shutil.rmtree(root)
            root.mkdir()
            built.write_text(str(make(root)), encoding="utf-8")
        return Path(built.read_text(encoding="utf-8"))


def pytest_sessionstart(session: pytest.Session) -> None:
    """scripts/test.sh's parallel run: build the shared sample site before the workers start. The
    build keeps both CPUs busy by itself; built by a worker, it kept the other worker waiting at its
    first sample-site test (542 s on the loaded machine: docs/performance.md)."""
    folder = os.environ.get("OCOP_TEST_SAMPLE_DIR")
    if folder and not os.environ.get("PYTEST_XDIST_WORKER") and getattr(session.config.option, "numprocesses", 0):
        print(f"\nBuilding the sample site for every worker in {folder} …", flush=True)
        _made_once(Path(folder) / "sample-site", _build_sample)


def _build_sample(root: Path) -> Path:
    shutil.copytree(SAMPLE_CONTENT, root / "content")
    return build(root / "content", root / "out", today=dt.date.fromisoformat(TODAY)).site


# The files that take longest, longest first (measured: docs/performance.md, "The test suite"). Under
# `--dist loadfile --no-loadscope-reorder` (scripts/test.sh) the workers take whole files in this order:
# a long file taken last keeps one worker busy while the other has nothing left to do. (xdist's own
# order, most tests first, started test_cache_faults.py's six builds near the end.) Other files follow
# in their usual order. The maxima files (issue 15) are one process's layouts each: test_guide_maxima.py took 213
# CPU-s in the eighth session's run, test_print_maxima.py 74 alone in the ninth's.
LONGEST_FIRST = ("test_guide_maxima.py", "test_cache_faults.py", "test_build_faults.py", "test_tourist.py",
                 "test_site.py", "test_print_design.py", "test_print_maxima.py", "test_printables_build.py",
                 "test_serve.py", "test_editor_refusals.py", "test_qr_ledger.py", "test_quality_gates.py",
                 "test_editor_form.py", "test_kiosk.py", "test_browser.py", "test_press.py", "test_pdf_fetcher.py",
                 "test_last_build_files.py")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file's own order is kept


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium; a test that needs it skips (fails, in CI) when it is missing. Request it
    before costly fixtures (a server, a build) so that nothing is started for a test that cannot run."""
    return need_chromium()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """In CI a skipped test is a failed one: a missing tool or file must fail the run, not shrink it."""
    report = yield
    if in_ci() and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run every test: {reason}"
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector):
    """The same for a whole module skipped while it is collected."""
    report = yield
    if in_ci() and report.skipped:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"{collector.nodeid} skipped in CI, which must run every test: {reason}"
    return report


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run `ocop-site ARGS…`; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def gone(pid: int) -> bool:
    """The process has ended (only its parent's reaping may be left)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def all_gone(pids: list[int]) -> bool:
    """Whether every process has ended, waiting up to 30 s: a bound for a slow machine, not a timing window."""
    deadline = time.monotonic() + 30
    while not all(gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return all(gone(pid) for pid in pids)
