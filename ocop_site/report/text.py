"""The report as terminal text: one block per kind, each finding as `path:line: message`."""

from __future__ import annotations

from ocop_site.report.findings import KINDS, Report

QR_LIST_LIMIT = 10  # the terminal shows the latest codes; the HTML page lists them all


def render_text(report: Report) -> str:
    lines = [f"Report on {report.content} for {report.today.isoformat()}: {_count(report.products, 'product')}, "
             f"{_count(report.drafts, 'draft')}"]
    for kind, (vi, en) in KINDS.items():
        if kind == "short":
            en = f"Stories under {report.min_words} words"
        findings = report.of_kind(kind)
        lines += ["", f"{en} / {vi}: {len(findings) or 'none'}"]
        lines += ["  " + finding.render() for finding in findings]
    lines += ["", f"QR codes issued / Mã QR đã cấp: {len(report.issued)}"]
    shown = report.issued[-QR_LIST_LIMIT:]
    if len(report.issued) > len(shown):
        lines.append(f"  … {len(report.issued) - len(shown)} earlier codes (see the HTML report)")
    lines += [f"  {entry.code} → {entry.product} (issued {entry.issued.isoformat()})" for entry in shown]
    if report.pending:
        lines.append("  not issued yet, the next build issues: "
                     + ", ".join(f"{code} → {slug}" for code, slug in report.pending))
    count = len(report.errors)
    lines += ["", f"Content errors / Lỗi nội dung: {count or 'none'}"]
    if count:
        lines += ["  " + line for problem in report.errors for line in problem.render().splitlines()]
        lines.append("  The site cannot be built until these are fixed ('ocop-site validate' lists them too).")
    return "\n".join(lines)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")
