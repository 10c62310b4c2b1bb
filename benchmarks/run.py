"""The build benchmark: one command, three sizes, the figures of docs/performance.md.

    python benchmarks/run.py                       # sample and 619 products
    python benchmarks/run.py --sizes sample,619,5000 --update-docs

For each size it prepares a content folder in a temporary directory (the sample content is
copied, never built in place; the others come from benchmarks/synthetic.py with a fixed seed) and
runs `python -m ocop_site build` as a subprocess, so that the figures are those of the real
command:

1. full build, cold (empty output folder and cache);
2. rebuild after editing one story (one sentence appended to one Vietnamese story);
3. rebuild with nothing changed.

It reports the wall-clock time of each, the peak memory of the cold build (sum of the resident
memory of the whole process tree — the build, its MkDocs and worker processes — sampled from /proc
every 50 ms, and the largest single process as the kernel counted it), the size of the output,
a product page's HTML, and that page's first load on a phone (benchmarks/page_weight.py).

Results go to benchmarks/results.json (one entry per size, the latest run); --update-docs
rewrites the generated part of docs/performance.md from that file, so sizes measured on separate
runs (5,000 products takes many minutes) end up in one table.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gzip
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from page_weight import first_load, summary
from synthetic import write_synthetic

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "content"
RESULTS = Path(__file__).resolve().parent / "results.json"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- benchmark:begin (written by benchmarks/run.py --update-docs) -->", "<!-- benchmark:end -->"
TODAY = "2026-11-22"
SEED = 1
SAMPLE_PRODUCT = "ly-son-garlic"
EDIT = {"vi": "\n\nCâu này được thêm vào để đo thời gian dựng lại sau khi sửa một câu chuyện.\n"}
PACKAGES = ("mkdocs", "mkdocs-material", "Pillow", "weasyprint", "qrcode", "Jinja2", "pydantic", "Markdown",
            "playwright")


@dataclass
class Run:
    seconds: float
    returncode: int
    peak_tree_mb: float = 0.0  # whole process tree, summed VmRSS, sampled: counts pages shared by forked workers twice
    peak_tree_pss_mb: float = 0.0  # whole process tree, summed PSS (shared pages split between sharers), sampled
    peak_process_mb: float = 0.0  # largest single process (kernel's ru_maxrss of the tree)
    timeline: list[tuple[float, str]] = field(default_factory=list)  # (seconds since start, progress line)
    # per progress line: the tree's peak PSS (MB) until the next line, and its largest processes then
    step_peaks: list[tuple[str, float, str]] = field(default_factory=list)
    timed_out: bool = False
    cpu_seconds: float = 0.0  # user + system time of the whole tree: what the build costs, whatever the load
    load_before: str = ""  # /proc/loadavg: other work on the machine skews the wall-clock figures
    load_after: str = ""


@dataclass
class SizeResult:
    size: str
    products: int
    measured: str  # date and time of the run
    generate_seconds: float | None
    cold: Run
    edit: Run | None
    unchanged: Run | None
    output_files: int
    output_bytes: int
    page: str
    page_html: int
    page_html_gzip: int
    first_load: dict[str, dict[str, int]]
    machine: dict[str, str]
    code: str = ""  # the commit measured (git describe), so that figures from different runs are not mixed up


# -- running a build -----------------------------------------------------------------------------

def build(content: Path, out: Path, timeout: float) -> Run:
    """Run the real command as a subprocess; measure time and memory of its whole process tree."""
    command = [sys.executable, "-m", "ocop_site", "build", "--content", str(content), "--out", str(out),
               "--today", TODAY]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    run = Run(seconds=0.0, returncode=-1, load_before=_loadavg())
    sampler = _TreeSampler(process.pid)
    sampler.start()

    def read_and_mark() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if is_warning(line):  # the content's warnings, not steps: 10,000 lines at 5,000 synthetic products
                continue
            run.timeline.append((round(time.monotonic() - started, 2), line.rstrip()))
            sampler.step = line.strip()
            # a long build shows where it is, and its peak so far: a run stopped before its end still tells it
            peak = f"[tree peak so far {sampler.peak_pss / 2**20:,.0f} MB PSS]"
            log(f"{run.timeline[-1][0]:9.1f} s  {line.rstrip()}  {peak}")

    reader = threading.Thread(target=read_and_mark, daemon=True)
    reader.start()
    deadline = started + timeout
    status, usage = 0, None
    while True:
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            run.timed_out = True
            _kill_tree(process.pid)
            _, status, usage = os.wait4(process.pid, 0)
            break
        time.sleep(0.05)
    run.seconds = round(time.monotonic() - started, 2)
    run.load_after = _loadavg()
    process.returncode = os.waitstatus_to_exitcode(status)  # reaped here; keep Popen consistent
    run.returncode = process.returncode
    sampler.stop()
    reader.join(timeout=10)
    run.peak_tree_mb = round(sampler.peak / 2**20, 1)
    run.peak_tree_pss_mb = round(sampler.peak_pss / 2**20, 1)
    run.step_peaks = [(step, round(pss / 2**20, 1), top) for step, (pss, top) in sampler.steps.items()]
    run.peak_process_mb = round(usage.ru_maxrss / 1024, 1) if usage else 0.0  # ru_maxrss is in KiB
    run.cpu_seconds = round(usage.ru_utime + usage.ru_stime, 1) if usage else 0.0  # reaped descendants included
    if run.returncode != 0 and not run.timed_out:
        output = "\n".join(line for _, line in run.timeline[-30:])
        raise SystemExit(f"build failed ({run.returncode}):\n{output}")
    return run


class _TreeSampler(threading.Thread):
    """Peaks of the summed VmRSS and PSS of a process and all its descendants, read from /proc, overall and
    per step of the build (the progress line shown last), with the largest processes at each step's peak.

    Worker processes forked from the build share most of its pages: the RSS sum counts them once per
    process (an upper bound), the PSS sum splits them between the sharers (the tree's real footprint)."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.peak_pss = pid, interval, 0, 0
        self.step = "(start)"
        self.steps: dict[str, tuple[int, str]] = {}  # progress line → (peak PSS, its three largest processes)
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            started = time.thread_time()  # this thread's CPU, user and system
            step = self.step
            sizes = {pid: _memory(pid) for pid in _tree(self.pid)}
            pss = sum(p for _, p in sizes.values())
            self.peak = max(self.peak, sum(rss for rss, _ in sizes.values()))
            self.peak_pss = max(self.peak_pss, pss)
            if pss > self.steps.get(step, (0, ""))[0]:
                largest = sorted(sizes.items(), key=lambda item: -item[1][1])[:3]
                self.steps[step] = (pss, ", ".join(f"{_name(pid, self.pid)} {p / 2**20:.0f} MB"
                                                   for pid, (_, p) in largest))
            # reading smaps_rollup costs more as the processes grow (every 50 ms, ≈ 60 % of a core at 5,000
            # products, beside the build it measures): at most a tenth of a core, the samples further apart
            self._done.wait(max(self.interval, 9 * (time.thread_time() - started)))

    def stop(self) -> None:
        self._done.set()
        self.join(timeout=5)


def _name(pid: int, build: int) -> str:
    """A process's command line, short: 'python -m mkdocs build … mkdocs.vi.yml' → 'mkdocs vi'; the forks of the
    build that run MkDocs are named so (ocop_site/targets/site/mkdocs_fork.py)."""
    if pid == build:
        return "build"
    try:
        if (named := Path(f"/proc/{pid}/comm").read_text().strip()).startswith("mkdocs "):
            return named
        words = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return str(pid)
    text = " ".join(words)
    for known in ("mkdocs.vi.yml", "mkdocs.en.yml"):
        if known in text:
            return "mkdocs " + known.split(".")[1]
    if "pagefind" in text:
        return "pagefind"
    if "ocop_site" in text:
        return "worker"  # forked from the build
    return (Path(words[0]).name if words and words[0] else "?") + f" {pid}"


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def _memory(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes; (0, 0) for a process that has gone."""
    values = {"Rss:": 0, "Pss:": 0}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            key = line.split(maxsplit=1)[0] if line else ""
            if key in values:
                values[key] = int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return values["Rss:"], values["Pss:"]


def _loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return ""


def _kill_tree(pid: int) -> None:
    for child in reversed(_tree(pid)):
        with contextlib.suppress(ProcessLookupError):
            os.kill(child, 9)


# -- one size ------------------------------------------------------------------------------------

def measure(size: str, work: Path, timeout: float) -> SizeResult:
    content, out = work / "content", work / "out"
    generate_seconds = None
    started = time.monotonic()
    if size == "sample":
        shutil.copytree(SAMPLE, content)
        products, page_slug = len(list(content.glob("products/*.yaml"))), SAMPLE_PRODUCT
    else:
        products = int(size)
        log(f"[{size}] writing {products} synthetic products …")
        page_slug = write_synthetic(content, products, seed=SEED)[0]
        generate_seconds = round(time.monotonic() - started, 1)
    log(f"[{size}] full build (cold) …")
    cold = build(content, out, timeout)
    log(f"[{size}]   {cold.seconds} s, peak {cold.peak_tree_pss_mb} MB PSS, {cold.peak_tree_mb} MB RSS"
        + (" (timed out)" if cold.timed_out else ""))
    edit = unchanged = None
    if not cold.timed_out:
        story = content / "stories" / f"{page_slug}.vi.md"
        story.write_text(story.read_text(encoding="utf-8") + EDIT["vi"], encoding="utf-8")
        log(f"[{size}] rebuild after editing {story.name} …")
        edit = build(content, out, timeout)
        log(f"[{size}]   {edit.seconds} s")
        log(f"[{size}] rebuild with nothing changed …")
        unchanged = build(content, out, timeout)
        log(f"[{size}]   {unchanged.seconds} s")
    site = out / "site"
    files = [p for p in site.rglob("*") if p.is_file()] if site.exists() else []
    page = f"/products/{page_slug}/"
    html = (site / page.strip("/") / "index.html").read_bytes() if site.exists() else b""
    weight = summary(first_load(site, page)) if site.exists() else {}
    return SizeResult(
        size=size, products=products, measured=dt.datetime.now().isoformat(timespec="minutes"),
        generate_seconds=generate_seconds, cold=cold, edit=edit, unchanged=unchanged,
        output_files=len(files), output_bytes=sum(p.stat().st_size for p in files),
        page=page, page_html=len(html), page_html_gzip=len(gzip.compress(html, 6, mtime=0)),
        first_load=weight, machine=machine(), code=code_version(),
    )


def code_version() -> str:
    """The commit of the code being measured: $OCOP_BENCH_CODE (for a copy outside git), else git's."""
    if os.environ.get("OCOP_BENCH_CODE"):
        return os.environ["OCOP_BENCH_CODE"]
    described = subprocess.run(["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True,
                               text=True, check=False)
    return described.stdout.strip() or "unknown"


# -- the machine ---------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = "unknown"
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f"{kib / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    chromium = subprocess.run(["/usr/bin/chromium", "--version"], capture_output=True, text=True, check=False,
                              env={**os.environ, "CHROME_LOG_FILE": os.devnull}).stdout.strip() \
        if Path("/usr/bin/chromium").exists() else "not installed"
    return {
        "cpus": str(os.cpu_count()), "cpu": cpu, "memory": memory, "os": platform.platform(),
        "python": platform.python_version(), "chromium": chromium,
        "packages": ", ".join(f"{name} {version}" for name, version in versions.items()),
    }


# -- reporting -----------------------------------------------------------------------------------

TARGETS = {"cold_619": 90.0, "edit": 3.0, "unchanged": 5.0, "memory_mb": 2048.0, "first_load_kb": 200.0}


def _s(run: Run | None) -> str:
    if run is None:
        return "—"
    return f"> {run.seconds:.0f} s (stopped)" if run.timed_out else f"{run.seconds:.1f} s"


def _kb(n: int) -> str:
    return f"{n / 1000:,.0f} KB" if n < 10**6 else f"{n / 10**6:,.1f} MB"


def table(results: list[SizeResult]) -> str:
    heads = ["", *[f"**{r.size}**" + ("" if r.size == "sample" else " products") for r in results]]
    rows = [
        ("products", [str(r.products) for r in results]),
        ("measured", [r.measured.replace("T", " ") for r in results]),
        ("code (commit)", [r.code or "—" for r in results]),
        ("writing the synthetic content (not part of the build)",
         ["—" if r.generate_seconds is None else f"{r.generate_seconds:.0f} s" for r in results]),
        ("full build, cold (everything the build makes)", [_s(r.cold) for r in results]),
        ("  its CPU time, whole process tree (user + system)",
         ["— (stopped: its workers' time is lost)" if r.cold.timed_out else f"{r.cold.cpu_seconds:,.0f} s"
          for r in results]),
        ("rebuild after editing one story", [_s(r.edit) for r in results]),
        ("rebuild, nothing changed", [_s(r.unchanged) for r in results]),
        ("  their CPU time", [f"{r.edit.cpu_seconds:.1f} s / {r.unchanged.cpu_seconds:.1f} s"
                             if r.edit and r.unchanged else "—" for r in results]),
        ("load average before → after the cold build (2 CPUs)",
         [f"{r.cold.load_before} → {r.cold.load_after}" for r in results]),
        ("peak memory, whole process tree, PSS (cold build)",
         [f"{r.cold.peak_tree_pss_mb:,.0f} MB" if r.cold.peak_tree_pss_mb else "not measured" for r in results]),
        ("peak memory, whole process tree, RSS summed: an upper bound (cold build)",
         [f"{r.cold.peak_tree_mb:,.0f} MB" for r in results]),
        ("largest single process (cold build)", [f"{r.cold.peak_process_mb:,.0f} MB" for r in results]),
        ("output", [f"{_kb(r.output_bytes)} in {r.output_files:,} files" if r.output_files else "—"
                    for r in results]),
        ("product page HTML (raw / gzip)", [f"{_kb(r.page_html)} / {_kb(r.page_html_gzip)}" if r.page_html else "—"
                                            for r in results]),
    ]
    for kind in ("html", "css", "js", "font", "image", "search index", "data", "other", "total"):
        if any(kind in r.first_load for r in results):
            label = "**first load on a phone, total**" if kind == "total" else f"first load: {kind}"
            rows.append((f"{label} (raw / gzip)", [_weight(r, kind) for r in results]))
    lines = ["| " + " | ".join(heads) + " |", "|" + " --- |" * len(heads)]
    lines += ["| " + " | ".join([name, *values]) + " |" for name, values in rows]
    return "\n".join(lines)


def _weight(result: SizeResult, kind: str) -> str:
    entry = result.first_load.get(kind)
    if not entry:
        return "—"
    return f"{_kb(entry['raw'])} / {_kb(entry['gzip'])} ({entry['files']} files)"


def phases(result: SizeResult) -> str:
    """The cold build's progress lines with the time each took (time since the previous line)."""
    lines, last = [], 0.0
    peaks = {step: (mb, top) for step, mb, top in result.cold.step_peaks}
    for at, text in result.cold.timeline:
        if is_warning(text):  # in records written before the warnings were left out
            continue
        mb, top = peaks.get(text.strip(), (None, ""))
        memory = f"  [peak {mb:,.0f} MB PSS: {top}]" if mb is not None else ""
        lines.append(f"{at:8.1f} s  (+{at - last:6.1f} s)  {text}{memory}")
        last = at
    return "\n".join(lines)


def is_warning(line: str) -> bool:
    return line.strip().startswith(("warning:", "Fix:"))


def load_results() -> dict[str, dict]:
    return json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}


def from_dict(data: dict) -> SizeResult:
    runs = {key: Run(**{**value, "timeline": [tuple(x) for x in value["timeline"]]}) if value else None
            for key, value in ((k, data[k]) for k in ("cold", "edit", "unchanged"))}
    return SizeResult(**{**data, **runs})


def ordered(results: dict[str, dict]) -> list[SizeResult]:
    return [from_dict(results[key]) for key in sorted(results, key=lambda k: -1 if k == "sample" else int(k))]


def update_docs(results: list[SizeResult]) -> None:
    machines = {json.dumps(r.machine, sort_keys=True) for r in results}
    text = [BEGIN, "", table(results), ""]
    for described in machines:
        info = json.loads(described)
        sizes = ", ".join(r.size for r in results if json.dumps(r.machine, sort_keys=True) == described)
        text += [f"Machine ({sizes}): {info['cpus']} CPUs, {info['cpu']}, {info['memory']} of memory; "
                 f"{info['os']}; Python {info['python']}; {info['chromium']}; {info['packages']}.", ""]
    for result in results:
        text += [f"Cold build of {result.size}" + ("" if result.size == "sample" else " products")
                 + ": progress lines with the time since the build started (and since the previous line)", "",
                 "```text", phases(result), "```", ""]
    text.append(END)
    doc = DOC.read_text(encoding="utf-8") if DOC.exists() else f"# Performance\n\n{BEGIN}\n{END}\n"
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC} has lost its markers {BEGIN!r} … {END!r}: put them back where the figures go")
    head, rest = doc.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(head + "\n".join(text) + tail, encoding="utf-8")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def share_niceness_with_group() -> None:
    """Give this process's scheduling group the niceness the benchmark was started with. `nice` ranks the
    processes of one group only, and Linux makes a group of each session (autogroup): started with `setsid
    nice -n 19`, a benchmark took an equal share of the cores from everything else on the machine."""
    niceness, autogroup = os.nice(0), Path("/proc/self/autogroup")
    if niceness > 0 and autogroup.exists():
        with contextlib.suppress(OSError):  # a kernel without autogroups, or a read-only /proc
            autogroup.write_text(str(niceness))


def main(argv: list[str] | None = None) -> int:
    share_niceness_with_group()
    parser = argparse.ArgumentParser(description="Build benchmark (see docs/performance.md)")
    parser.add_argument("--sizes", default="sample,619",
                        help="comma-separated: 'sample' and/or product counts (default: sample,619; add 5000); "
                             "empty with --update-docs: rewrite the figures from the stored results only")
    parser.add_argument("--timeout", type=float, default=1800, help="stop a build after this many seconds")
    parser.add_argument("--work", type=Path, help="keep the content and output here (default: a temporary folder)")
    parser.add_argument("--update-docs", action="store_true", help=f"rewrite the figures in {DOC.relative_to(ROOT)}")
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    if not sizes and not args.update_docs:
        parser.error("--sizes is empty: nothing to measure")
    for size in sizes:
        if size != "sample" and not size.isdigit():
            parser.error(f"--sizes: {size!r} is neither 'sample' nor a number of products")
    fresh = []
    for size in sizes:
        if args.work:
            work = args.work / size
            shutil.rmtree(work, ignore_errors=True)
            work.mkdir(parents=True)
            result = measure(size, work, args.timeout)
        else:
            with tempfile.TemporaryDirectory(prefix=f"ocop-bench-{size}-") as tmp:
                result = measure(size, Path(tmp), args.timeout)
        fresh.append(result)
        stored = load_results()  # again: another run (another size) may have written it meanwhile
        stored[size] = asdict(result)
        RESULTS.write_text(json.dumps(stored, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if fresh:
        print(table(fresh))
    for result in fresh:
        print(f"\nCold build, {result.size}:\n{phases(result)}")
    if args.update_docs:
        stored = load_results()
        update_docs(ordered(stored))
        log(f"{DOC.relative_to(ROOT)} updated ({', '.join(ordered_sizes(stored))})")
    return 0


def ordered_sizes(stored: dict) -> list[str]:
    return [r.size for r in ordered(stored)]


if __name__ == "__main__":
    sys.exit(main())
