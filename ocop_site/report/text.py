"""The report as terminal text: one block per kind, each finding as `path:line: message`, in the language asked."""

from __future__ import annotations

from ocop_site.i18n import t
from ocop_site.report.findings import KINDS, Report

QR_LIST_LIMIT = 10  # the terminal shows the latest codes; the HTML page lists them all


def render_text(report: Report, language: str = "en") -> str:
    lines = [t("report_title", language, content=report.content, date=report.today.isoformat(),
               products=t("products_count", language, n=report.products),
               drafts=t("drafts_count", language, n=report.drafts))]
    none = t("report_none", language)
    for kind, (vi, en) in KINDS.items():
        if kind == "short":
            en = f"Stories under {report.min_words} words"
        findings = report.of_kind(kind)
        lines += ["", f"{en} / {vi}: {len(findings) or none}"]
        lines += ["  " + finding.render(language) for finding in findings]
    lines += ["", f"QR codes issued / Mã QR đã cấp: {len(report.issued)}"]
    shown = report.issued[-QR_LIST_LIMIT:]
    if len(report.issued) > len(shown):
        lines.append("  " + t("report_earlier_codes", language, n=len(report.issued) - len(shown)))
    lines += ["  " + t("report_issued", language, code=entry.code, product=entry.product,
                       date=entry.issued.isoformat()) for entry in shown]
    if report.pending:
        lines.append("  " + t("report_pending", language,
                              codes=", ".join(f"{code} → {slug}" for code, slug in report.pending)))
    count = len(report.errors)
    lines += ["", f"Content errors / Lỗi nội dung: {count or none}"]
    if count:
        lines += ["  " + line for problem in report.errors for line in problem.render(language).splitlines()]
        lines.append("  " + t("report_cannot_build", language))
    return "\n".join(lines)
