"""The catalogue-wide steps of a build at a size too large to build in full here (issue 5: 5,000 products).

    python benchmarks/scale.py --count 5000 --work /tmp/scale --update-docs
    python benchmarks/scale.py --count 5000 --work /tmp/scale --reuse  # the content is already there

A cold build is two kinds of work:
- per-product jobs (photos, QR artwork, share cards, press kits, flyers, brochures, catalogue pages in
  parts of 8): each runs alone in one of two worker processes, so its memory does not depend on the size
  of the catalogue and their time adds up linearly — run.py measures them per item at 619 products;
- steps that see the whole catalogue at once, measured here with the build's own code, each in a fresh
  process, in the build's order: reading and validating, the Markdown pages of both languages, MkDocs for
  both languages at once (all pages), the Pagefind index of each language, the kiosk; then the
  catalogue booklet's front (cover, contents) and back (index) for every product, and the joining of a
  booklet of every product's page.

For the join, the first part of 8 product pages is laid out and joined as many times as the catalogue
needs (each copy opened on its own, so nothing is shared): the same page count, fonts and photo bytes as
the real booklet's parts, without laying out every one.

Figures per step: wall-clock and CPU seconds, and the peak memory of its process tree (summed PSS,
sampled from /proc, and the largest process). A build's peak is at most the largest of these plus the
two workers of a per-product step, which run.py measures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import DOC, ROOT, SEED, TODAY, _loadavg, _TreeSampler, code_version, log, machine
from synthetic import write_synthetic

RESULTS = Path(__file__).resolve().parent / "scale-results.json"
BEGIN, END = "<!-- scale:begin (written by benchmarks/scale.py --update-docs) -->", "<!-- scale:end -->"
STEPS = ("read", "pages", "mkdocs", "search", "kiosk", "booklet-front", "booklet-back", "booklet-join")


def measure_step(step: str, content: Path, work: Path) -> dict[str, object]:
    """Run one step in a fresh process; its time, CPU and memory."""
    command = [sys.executable, __file__, "--step", step, "--content", str(content), "--work", str(work)]
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    sampler = _TreeSampler(process.pid)
    sampler.start()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    sampler.stop()
    output = process.stdout.read() if process.stdout else ""
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"step {step} failed:\n{output}")
    return {"step": step, "seconds": round(seconds, 1), "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
            "peak_tree_pss_mb": round(sampler.peak_pss / 2**20, 1),
            "peak_process_mb": round(usage.ru_maxrss / 1024, 1), "note": output.strip().splitlines()[-1:]}


def run_step(step: str, content: Path, work: Path) -> str:
    """The step itself (in the child process); returns a line about what it made."""
    from ocop_site.model.loader import load_catalog

    catalog = load_catalog(content, today=dt.date.fromisoformat(TODAY))
    if step == "read":
        return f"{len(catalog.products)} products read and validated"
    if step in ("pages", "mkdocs", "search", "kiosk"):
        return _site_step(step, catalog, work)
    return _booklet_step(step, catalog, work)


def _site_step(step: str, catalog, work: Path) -> str:
    from ocop_site.targets.cache import OutputCache
    from ocop_site.targets.docs_tree import DocsTree
    from ocop_site.targets.kiosk import render_kiosk
    from ocop_site.targets.site.images import plan_picture
    from ocop_site.targets.site.mkdocs_project import LANGUAGES, TOGETHER_UP_TO, run_mkdocs, write_project
    from ocop_site.targets.site.search_index import index_site

    pictures = {(p.slug, i): plan_picture(p.image_path(i), p.slug)
                for p in catalog.products.values() for i in range(len(p.record.images))}
    if step == "kiosk":
        render_kiosk(catalog, work / "kiosk", OutputCache(work / "cache"), print, pictures)
        return "kiosk written"
    project = work / "mkdocs"
    if step == "search":
        for language in LANGUAGES:
            index_site(project / f"site-{language}", project / f"search-copies-{language}")
        return "both languages indexed"
    pages = {language: DocsTree(catalog, language, pictures).pages() for language in LANGUAGES}
    changes = write_project(catalog, project, pages)  # as the build: each page written as it is generated
    if step == "pages":
        return f"{len(changes['vi'].written)} files a language written"
    pages = len(changes["vi"].written)
    run_mkdocs(project, catalog.today, print, {language: False for language in LANGUAGES}, pages=pages)
    return "MkDocs: both languages, all pages, " + ("at once" if pages <= TOGETHER_UP_TO else "one after the other")


def _booklet_step(step: str, catalog, work: Path) -> str:
    from ocop_site.targets.printables.booklet import (
        PAGES_PER_PART,
        back_pdf,
        booklet_order,
        front_pdf,
        product_pages_pdf,
    )
    from ocop_site.targets.printables.join import join_pdfs

    ordered = booklet_order(catalog.listed, "vi")
    site_url = catalog.site.site_url
    folder = work / "booklet"
    folder.mkdir(parents=True, exist_ok=True)
    if step == "booklet-front":
        pdf, first_page = front_pdf(ordered, "vi", site_url)
        (folder / "front.pdf").write_bytes(pdf)
        (folder / "first-page").write_text(str(first_page))
        return f"front: {first_page - 1} pages"
    first_page = int((folder / "first-page").read_text())
    if step == "booklet-back":
        (folder / "back.pdf").write_bytes(back_pdf(ordered, first_page, "vi", site_url))
        return "back written"
    part = folder / "part.pdf"
    part.write_bytes(product_pages_pdf(ordered[:PAGES_PER_PART], first_page, "vi", site_url))
    copies = []
    for number in range(-(-len(ordered) // PAGES_PER_PART)):  # qpdf takes a file named twice for the same pages
        copies.append(folder / f"part-{number:05d}.pdf")
        copies[-1].unlink(missing_ok=True)
        os.link(part, copies[-1])
    target = folder / "catalogue-vi.pdf"
    join_pdfs([folder / "front.pdf", *copies, folder / "back.pdf"], target)
    return (f"joined: front, {len(copies)} parts of {PAGES_PER_PART} pages, back; "
            f"{target.stat().st_size / 1e6:,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=5000, help="number of synthetic products (default 5000)")
    parser.add_argument("--work", type=Path, required=True, help="folder for the content and the steps' output")
    parser.add_argument("--reuse", action="store_true", help="the content in --work is already written")
    parser.add_argument("--steps", default=",".join(STEPS),
                        help="comma-separated steps to measure again (default: all); the others keep their figures")
    parser.add_argument("--update-docs", action="store_true", help=f"rewrite its figures in {DOC.relative_to(ROOT)}")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # one step, in a child process
    parser.add_argument("--content", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.step:
        print(run_step(args.step, args.content, args.work))
        return 0
    content = args.work / "content"
    if not args.reuse:
        log(f"writing {args.count} synthetic products …")
        write_synthetic(content, args.count, seed=SEED)
    chosen = [step.strip() for step in args.steps.split(",") if step.strip()]
    unknown = [step for step in chosen if step not in STEPS]
    if unknown:
        parser.error(f"--steps: unknown {', '.join(unknown)}; the steps are {', '.join(STEPS)}")
    stored = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {}
    last = stored.get(str(args.count), {})
    earlier = {step["step"]: {"code": last.get("code"), "measured": last.get("measured"), **step}
               for step in last.get("steps", [])}
    result: dict[str, object] = {"products": args.count, "measured": dt.datetime.now().isoformat(timespec="minutes"),
                                 "code": code_version(), "machine": machine(), "load_before": _loadavg()}
    for step in chosen:
        log(f"[{step}] …")
        figures = measure_step(step, content, args.work) | {"measured": result["measured"], "code": result["code"]}
        log(f"[{step}]   {figures['seconds']} s, {figures['cpu_seconds']} CPU-s, "
            f"{figures['peak_tree_pss_mb']} MB PSS, largest process {figures['peak_process_mb']} MB "
            f"— {' '.join(figures['note'])}")
        earlier[step] = figures
    result["steps"] = [earlier[step] for step in STEPS if step in earlier]
    result["load_after"] = _loadavg()
    stored[str(args.count)] = result
    RESULTS.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(table(result))
    if args.update_docs:
        update_docs(stored)
        log(f"{DOC.relative_to(ROOT)} updated")
    return 0


def table(result: dict) -> str:
    lines = [f"{result['products']:,} products (last run {result['measured'].replace('T', ' ')}, load average "
             f"{result['load_before']} before, {result['load_after']} after):", "",
             "| step | wall | CPU | peak memory of its process tree (PSS) | largest process | what it made | "
             "measured at |",
             "| --- | ---: | ---: | ---: | ---: | --- | --- |"]
    for step in result["steps"]:
        when = step.get("measured", result["measured"]).replace("T", " ")
        lines.append(f"| {step['step']} | {step['seconds']:,.1f} s | {step['cpu_seconds']:,.1f} s | "
                     f"{step['peak_tree_pss_mb']:,.0f} MB | {step['peak_process_mb']:,.0f} MB | "
                     f"{' '.join(step['note'])} | {step.get('code', result['code'])}, {when} |")
    return "\n".join(lines)


def update_docs(stored: dict[str, dict]) -> None:
    text = [BEGIN, ""]
    for count in sorted(stored, key=int):
        text += [table(stored[count]), ""]
    text.append(END)
    doc = DOC.read_text(encoding="utf-8")
    if BEGIN not in doc or END not in doc:
        raise SystemExit(f"{DOC} has lost its markers {BEGIN!r} … {END!r}: put them back where the figures go")
    head, rest = doc.split(BEGIN, 1)
    DOC.write_text(head + "\n".join(text) + rest.split(END, 1)[1], encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
