"""The build under faults, with real processes: killed at each step, two at once, a full disk, a
read-only content folder, a killed build's workers. Nothing issued is ever lost, and OUT/site always
holds one whole build.

A build started with OCOP_SITE_TEST_PAUSE_AT=<step> says so on stderr and waits there for SIGUSR1,
so each fault hits an exact point, without sleeps.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from build_processes import REPO, command, no_temporary_files, paused, run, snapshot, start, wait_for
from conftest import TODAY, all_gone, edit, gone
from content_factory import write_product

from ocop_site.pipeline.checkpoint import STEPS
from ocop_site.targets.cache import Job, OutputCache
from ocop_site.targets.printables import fitting


def ledger_codes(content: Path) -> list[tuple[int, str]]:
    return [(entry["n"], entry["code"]) for entry in yaml.safe_load((content / "qr-ledger.yaml").read_text())]


def assert_every_issued_code_is_published(content: Path, site: Path) -> None:
    issued = ledger_codes(content)
    assert [n for n, _code in issued] == list(range(1, len(issued) + 1))
    answered = yaml.safe_load((site / "qr" / "codes.json").read_text(encoding="utf-8"))
    assert sorted(answered) == sorted({code for _n, code in issued})
    for _n, code in issued:
        assert (site / "P" / code / "index.html").is_file(), code
    published = yaml.safe_load((site / "qr" / "ledger.json").read_text(encoding="utf-8"))["entries"]
    assert [(entry["n"], entry["code"]) for entry in published] == issued


@pytest.fixture
def built(built_content: Path) -> Path:
    """content/ with two products, built into out/: a copy of one build per test process (tests/conftest.py),
    not a build of each test's own (the same files: nine tests here start from it)."""
    return built_content


# after the web part's swap, before the printables'
WEB_LIVE = ("web-published", "search-rendered", "search-publishing", "search-published", "rendered", "publishing")


@pytest.mark.parametrize("step", [step for step in STEPS if step != "caching"])  # that one: test_cache_faults.py
def test_a_build_killed_at_any_step_is_followed_by_a_build_that_publishes_every_code(built, step):
    content, out, site = built, Path("out"), Path("out/site")
    before = snapshot(site)
    write_product(content, "product-002", 2)  # a new code, T-002
    build = start(content, out, pause=step)
    wait_for(build.stderr, paused(step), build)
    build.kill()  # SIGKILL: no clean-up of any kind
    assert build.wait() == -signal.SIGKILL
    # OUT/site is one whole part of a build: the previous build until the web part's swap, then this
    # build's web part with the previous printables, then the whole new build
    now = snapshot(site)
    if step == "published":
        assert "P/T-002/index.html" in now and "print/product-002/product-002-flyer-a5-vi.pdf" in now
    elif step in WEB_LIVE:
        assert "P/T-002/index.html" in now and "en/products/product-002/index.html" in now
        assert not [path for path in now if path.startswith(("print/product-002/", "qr/T-002.", "share/product-002."))]
        assert {p: v for p, v in now.items() if p.startswith(("print/", "share/", "qr/T-"))} == {
            p: v for p, v in before.items() if p.startswith(("print/", "share/", "qr/T-"))}
    else:
        assert now == before
    assert no_temporary_files(site) == []
    if step in ("read",):
        assert ledger_codes(content) == [(1, "T-000"), (2, "T-001")]
    else:  # the ledger was written before anything was published
        assert ledger_codes(content) == [(1, "T-000"), (2, "T-001"), (3, "T-002")]
    # the next build neither waits for a lock nor fails, and publishes every issued code
    done = run(content, out)
    assert done.returncode == 0, done.stderr
    assert "Waiting for another build" not in done.stdout
    assert ledger_codes(content) == [(1, "T-000"), (2, "T-001"), (3, "T-002")]
    assert_every_issued_code_is_published(content, site)
    generation = os.readlink(site)
    spare = f"site-{int(generation.rsplit('-', 1)[1]) - 1}"  # the generation before: the next publish's start
    assert sorted(p.name for p in out.iterdir()) == sorted([".lock", ".work", "site", generation, spare])
    assert no_temporary_files(content, site) == []


def test_the_next_build_removes_what_a_killed_writer_left_and_its_lock_stays_out_of_git(built):
    content, out = built, Path("out")
    strays = [content / ".qr-ledger.yaml.4242.tmp", out / ".work" / ".state.json.4242.tmp",
              out / ".work" / ".published.json.4242.tmp"]
    for stray in strays:  # files cut off while being written, before their rename
        stray.write_text("- n: 1\n  code: T-0", encoding="utf-8")
    write_product(content, "product-002", 2)
    done = run(content, out)
    assert done.returncode == 0, done.stderr
    assert [str(stray) for stray in strays if stray.exists()] == []
    assert_every_issued_code_is_published(content, Path("out/site"))
    # the content folder's lock (README: "ignored by git") is no content, and no commit picks it up
    assert (content / ".ocop-build.lock").is_file()
    assert run(content, out).returncode == 0
    ignored = subprocess.run(["git", "check-ignore", "-q", "content/.ocop-build.lock"], cwd=REPO)
    assert ignored.returncode == 0


def test_two_builds_at_once_on_one_content_folder_number_the_ledger_once(content):
    first = start(content, Path("out-a"), pause="read")  # has read the catalogue, holds the content lock
    wait_for(first.stderr, paused("read"), first)
    second = start(content, Path("out-b"), umask=0o077)
    wait_for(second.stdout, f"Waiting for another build to finish with {content} (its QR ledger) …", second)
    first.send_signal(signal.SIGUSR1)
    assert first.wait() == 0, first.stderr.read()
    assert second.wait() == 0, second.stderr.read()
    assert ledger_codes(content) == [(1, "T-000"), (2, "T-001")]
    for site in (Path("out-a/site"), Path("out-b/site")):
        assert_every_issued_code_is_published(content, site)
    # built under umask 077, the site is still readable by a web server running as another user
    modes = {oct(path.stat().st_mode & 0o777) for path in Path("out-b/site").rglob("*")} | {
        oct(Path("out-b/site").stat().st_mode & 0o777), oct(Path("out-b").stat().st_mode & 0o777)}
    assert modes == {"0o644", "0o755"}


@contextlib.contextmanager
def mounted_tmpfs(folder: Path, size: str) -> Iterator[Path]:
    folder.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        reason = f"cannot mount a tmpfs to fill up (needs root): {done.stderr.strip()}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A really read-only folder: a read-only bind mount for root (whom permissions do not stop)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    subprocess.run(["mount", "--bind", str(folder), str(folder)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def next_generation(site: Path) -> int:
    """The number of the generation folder the next publish assembles (OUT/site links to the current one)."""
    return int(os.readlink(site).rsplit("-", 1)[1]) + 1


def fill(disk: Path) -> None:
    """Write a file until the disk is full."""
    with open(disk / "filler", "wb", buffering=0) as filler, contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 4096)


def test_a_full_disk_while_publishing_leaves_the_previous_site_byte_identical(content, tmp_path):
    with mounted_tmpfs(tmp_path / "disk", "48m") as disk:
        out = disk / "out"
        done = run(content, out)
        assert done.returncode == 0, done.stderr
        before, listing = snapshot(out / "site"), sorted(p.name for p in out.iterdir())
        staging = f"site-{next_generation(out / 'site')}"
        edit(content / "stories" / "product-000.en.md", "## Origin\n\n", "## Origin\n\nRewritten on a full disk. ")
        build = start(content, out, pause="web-rendered")  # the first of the build's two publishes
        wait_for(build.stderr, paused("web-rendered"), build)
        fill(disk)
        build.send_signal(signal.SIGUSR1)
        assert build.wait() == 3
        err = build.stderr.read()
        assert err.startswith(f"ocop-site: the disk is full: no space left while writing ({out}/{staging}/"), err
        assert err.endswith(". Free some space on that disk (or build into a folder on another disk with --out "
                            f"DIR) and run the same command again. {out}/site still holds the last complete build. "
                            "Add --debug to see the details.\n")
        assert "Traceback" not in err
        assert snapshot(out / "site") == before
        assert sorted(p.name for p in out.iterdir()) == listing  # no half-made generation, nothing stray
        assert no_temporary_files(out / "site") == []
        (disk / "filler").unlink()
        done = run(content, out)
        assert done.returncode == 0, done.stderr
        page = (out / "site" / "en" / "products" / "product-000" / "index.html").read_text(encoding="utf-8")
        assert "Rewritten on a full disk." in page


def test_a_full_disk_while_publishing_the_printables_leaves_the_web_part_live_and_says_so(content, tmp_path):
    with mounted_tmpfs(tmp_path / "disk", "48m") as disk:
        out = disk / "out"
        done = run(content, out)
        assert done.returncode == 0, done.stderr
        before = snapshot(out / "site")
        edit(content / "stories" / "product-000.en.md", "## Origin\n\n", "## Origin\n\nRewritten on a full disk. ")
        build = start(content, out, pause="rendered")  # the web part is live, the printables rendered
        wait_for(build.stderr, paused("rendered"), build)
        web, staging = snapshot(out / "site"), f"site-{next_generation(out / 'site')}"
        fill(disk)
        build.send_signal(signal.SIGUSR1)
        assert build.wait() == 3
        err = build.stderr.read()
        assert err.startswith(f"ocop-site: the disk is full: no space left while writing ({out}/{staging}/"), err
        assert err.endswith(f"and run the same command again. {out}/site shows this build's web part with the last "
                            "complete build's printables. Add --debug to see the details.\n"), err
        assert snapshot(out / "site") == web != before
        page = (out / "site" / "en" / "products" / "product-000" / "index.html").read_text(encoding="utf-8")
        assert "Rewritten on a full disk." in page
        printables = {p: v for p, v in before.items() if p.startswith("print/")}
        assert {p: v for p, v in web.items() if p.startswith("print/")} == printables
        assert no_temporary_files(out / "site") == []
        (disk / "filler").unlink()
        done = run(content, out)
        assert done.returncode == 0, done.stderr
        assert {p: v for p, v in snapshot(out / "site").items() if p.startswith("print/")} != printables


def test_a_read_only_content_folder_is_a_failure_of_the_machine_not_of_the_content(built):
    content, out = built, Path("out")
    before = snapshot(out / "site")
    with read_only(content):
        done = run(content, out)  # nothing to write to the ledger: a read-only checkout builds
        assert done.returncode == 0, done.stderr
    write_product(content, "product-002", 2)
    with read_only(content):
        done = run(content, out)
        assert done.returncode == 3
        assert done.stderr == (
            "ocop-site: permission denied (content/qr-ledger.yaml). The content folder (its QR ledger "
            "and lock file) and the output folder must be writable by the user who runs ocop-site: change their "
            "permissions or owner, then run the same command again. out/site still holds the last complete "
            "build. Add --debug to see the details.\n")
        assert snapshot(out / "site") == before
        debug = subprocess.run([*command(content, out), "--debug"], env={**os.environ, "PYTHONPATH": str(REPO)},
                               capture_output=True, text=True)
        assert debug.returncode == 3
        assert debug.stderr.startswith("Traceback (most recent call last):\n")
        assert debug.stderr.endswith("out/site still holds the last complete build.\n")
    done = run(content, out)
    assert done.returncode == 0, done.stderr
    assert_every_issued_code_is_published(content, out / "site")


WORKERS = r"""
import os, signal, sys, tempfile
from pathlib import Path
from ocop_site.pipeline.workspace import locked
from ocop_site.targets.cache import Job, OutputCache

def render_forever(name):
    scratch = tempfile.mkdtemp(prefix="weasyprint-")  # as WeasyPrint does for its fonts, never removed
    os.write(1, f"worker {os.getpid()} {scratch}\n".encode())  # one write: the two lines never mix
    signal.pause()

with locked(Path(sys.argv[1])):
    OutputCache(Path(sys.argv[2])).run([Job("a" * 40, render_forever, ("a",)), Job("b" * 40, render_forever, ("b",))])
"""


def _note(name: str) -> dict[str, bytes]:
    return {"note.txt": name.encode()}


def test_a_killed_build_takes_its_workers_with_it_and_leaves_no_lock(tmp_path):
    script = tmp_path / "render.py"
    script.write_text(WORKERS, encoding="utf-8")
    out = tmp_path / "out"
    build = subprocess.Popen([sys.executable, str(script), str(out), str(tmp_path / "cache")], text=True,
                             env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.PIPE)
    started = [build.stdout.readline().split() for _ in range(2)]
    workers, temporaries = [int(line[1]) for line in started], [Path(line[2]) for line in started]
    scratch = {folder.parent for folder in temporaries}
    assert len(scratch) == 1 and scratch.pop().parent == tmp_path / "cache"  # the build's own, not the system's
    try:
        for worker in workers:  # a worker does not share the build's lock
            held = {os.readlink(fd) for fd in Path(f"/proc/{worker}/fd").iterdir() if fd.is_symlink()}
            assert str(out / ".lock") not in held
        build.kill()
        build.wait()
        assert all_gone(workers)
        with open(out / ".lock") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free at once
        assert all(folder.is_dir() for folder in temporaries)  # nobody cleaned up after the SIGKILL
        # the next run of the cache removes the dead build's scratch folder, then its own
        assert OutputCache(tmp_path / "cache").run([Job(c * 40, _note, (c,)) for c in "cd"]) == 2
        assert sorted(path.name for path in (tmp_path / "cache").iterdir()) == ["cc", "dd"]
    finally:  # whatever failed, leave no process of this test behind
        build.kill()
        build.wait()
        for worker in workers:
            if not gone(worker):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(worker, signal.SIGKILL)


def test_a_piece_that_overflows_is_a_fault_of_the_generator_not_of_the_content(content, cli, monkeypatch, tmp_path):
    """Whatever validate accepts fits every printed piece (test_print_maxima.py, test_guide_maxima.py), so a layout
    that still overflows is the generator's fault: exit 3, one paragraph that names the piece, its file and panel,
    no traceback; the web part is live. (The build's workers are forked: they inherit the broken check.)"""
    monkeypatch.setattr(fitting, "overflowing", lambda document, pages=None: ["back"])
    # and the search goes straight to the tightest settings instead of laying out every one of them in turn
    monkeypatch.setattr(fitting, "_first", lambda trial, group: group.count - 1)
    monkeypatch.setenv("OCOP_SITE_CACHE", str(tmp_path / "cache"))  # laid out now, not taken from an earlier test's
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 3
    assert re.fullmatch(
        r"ocop-site: the generator failed \(DoesNotFit: the (A5 flyer|A4 brochure) of content/stories/product-00[01]"
        r"\.(vi|en)\.md: even the tightest layout overflows \(overflowing: back\), though every text it prints "
        r"whole is within the lengths validate checks\)\. This is a fault of ocop-site or of a program it runs, not of "
        r"your content: please report it with the output of the same command run with --debug\. out/site shows this "
        r"build's web part with the last complete build's printables\. Add --debug to see the details\.\n", err), err
    assert Path("out/site/products/product-000/index.html").is_file()


def test_a_failure_of_the_machine_is_one_paragraph_and_exit_code_3(content, cli, monkeypatch, tmp_path):
    blocker = tmp_path / "cache-is-a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("OCOP_SITE_CACHE", str(blocker))  # where the photos and PDFs would be cached
    code, _out, err = cli("build", "--content", "content", "--out", "out", "--today", TODAY)
    assert code == 3
    assert err.startswith(f"ocop-site: the machine refused an operation ({blocker}/outputs")
    assert err.endswith("): Not a directory. Check the disk and the folders named, then run the same command again. "
                        "out/site still holds the last complete build. Add --debug to see the details.\n")
    assert "Traceback" not in err and len(err.splitlines()) == 1
    assert not Path("out/site").exists()  # nothing was published
