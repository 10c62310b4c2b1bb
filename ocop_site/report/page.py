"""The report as one self-contained HTML page (inline CSS, no scripts, no fonts or files from elsewhere),
written to OUT/report/index.html: outside OUT/site, so it is never published."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from ocop_site.report.findings import KINDS, Report

TEMPLATES = Path(__file__).parent / "templates"


def render_html(report: Report) -> str:
    environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html", "j2"]),
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
    return environment.get_template("report.html.j2").render(report=report, kinds=KINDS)


def write_html(report: Report, out_dir: Path) -> Path:
    """Write OUT/report/index.html whole (a temporary file, then renamed); returns its path."""
    target = out_dir / "report" / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name("index.html.tmp")
    temporary.write_text(render_html(report), encoding="utf-8")
    temporary.replace(target)
    return target
