"""The HTML report for inspectors: ``render_html(report, lang, baseline) -> str``.

Its template (``report.html.j2``), stylesheet and script are package data beside this module and are
inlined into the one output file.
"""

from reports.html.writer import render_html

__all__ = ["render_html"]
