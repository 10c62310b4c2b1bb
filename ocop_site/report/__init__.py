"""`ocop-site report`: what the editors should look at, in the terminal and as an HTML page."""

from ocop_site.report.collect import DEFAULT_MIN_WORDS, collect_report
from ocop_site.report.findings import KINDS, Finding, Report
from ocop_site.report.page import render_html, write_html
from ocop_site.report.text import render_text

__all__ = ["DEFAULT_MIN_WORDS", "KINDS", "Finding", "Report", "collect_report", "render_html", "render_text",
           "write_html"]
