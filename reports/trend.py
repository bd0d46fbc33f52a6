"""The trend of findings per run, as inline SVG (no script, no CDN): a chart for the site report,
a sparkline for the index page.

Input: the ``history.runs`` entries of findings.json (oldest first), each with ``error``,
``warning``, ``info`` counts (and ``problem`` for a run that audited nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reports.wording import Words
from reports.view import format_time

#: severity -> fill colour, bottom of the stack first
_COLOURS = (("error", "#c62828"), ("warning", "#ef8f00"), ("info", "#7a869a"))
_FAILED = "#b0b7c3"


def trend_chart(runs: Sequence[dict[str, Any]], *, lang: str = "zh", width: int = 640, height: int = 160) -> str:
    """Stacked bars, one per run (errors, warnings, infos), with the total above each bar."""
    if not runs:
        return ""
    top = max(_total(r) for r in runs) or 1
    pad_left, pad_bottom, pad_top = 28, 22, 14
    plot_h = height - pad_bottom - pad_top
    slot = (width - pad_left) / len(runs)
    bar = max(2.0, min(28.0, slot * 0.7))
    title = Words(lang)("history.trend_title")
    parts = [
        # as wide as the page allows, never wider (a phone): the viewBox scales it
        f'<svg xmlns="http://www.w3.org/2000/svg" class="trend-chart" role="img" width="100%" '
        f'viewBox="0 0 {width} {height}" aria-label={quoteattr(title)} data-runs="{len(runs)}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{pad_left}" y1="{height - pad_bottom}" x2="{width}" y2="{height - pad_bottom}" stroke="#999"/>',
        f'<text x="{pad_left - 4}" y="{pad_top + 4}" text-anchor="end" font-size="10">{top}</text>',
        f'<text x="{pad_left - 4}" y="{height - pad_bottom}" text-anchor="end" font-size="10">0</text>',
    ]
    for index, run in enumerate(runs):
        x = pad_left + index * slot + (slot - bar) / 2
        y = float(height - pad_bottom)
        label = _label(run, lang)
        parts.append(f'<g class="trend-run" data-run-id="{escape(str(run.get("run_id", "")))}" '
                     f'data-total="{_total(run)}"><title>{escape(label)}</title>')
        if run.get("problem") and not _total(run):
            parts.append(f'<rect x="{x:.1f}" y="{y - 3:.1f}" width="{bar:.1f}" height="3" fill="{_FAILED}"/>')
        for severity, colour in _COLOURS:
            count = int(run.get(severity) or 0)
            if not count:
                continue
            h = plot_h * count / top
            y -= h
            parts.append(f'<rect class="bar-{severity}" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                         f'height="{h:.1f}" fill="{colour}"/>')
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{y - 3:.1f}" text-anchor="middle" font-size="10">'
                     f"{_total(run)}</text>")
        day = str(format_time(run.get("finished_at")))[5:10]
        parts.append(f'<text x="{x + bar / 2:.1f}" y="{height - 8}" text-anchor="middle" font-size="9">'
                     f"{escape(day)}</text></g>")
    parts.append("</svg>")
    return "".join(parts)


def sparkline(runs: Sequence[dict[str, Any]], *, width: int = 120, height: int = 28) -> str:
    """The total per run as a small line, the last point marked."""
    if not runs:
        return ""
    top = max(_total(r) for r in runs) or 1
    step = (width - 6) / max(1, len(runs) - 1)
    points = [(3 + i * step, height - 3 - (height - 6) * _total(r) / top) for i, r in enumerate(runs)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    totals = ",".join(str(_total(r)) for r in runs)
    last_x, last_y = points[-1]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="sparkline" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(totals)}" data-totals="{totals}">'
        f'<polyline points="{path}" fill="none" stroke="#0b57d0" stroke-width="1.5"/>'
        f'<circle cx="{last_x:.1f}" cy="{last_y:.1f}" r="2.5" fill="#0b57d0"/></svg>'
    )


def _total(run: dict[str, Any]) -> int:
    return sum(int(run.get(s) or 0) for s, _ in _COLOURS)


def _label(run: dict[str, Any], lang: str) -> str:
    """A bar's tooltip, in the report's language: ``2021-06-20 09:05：错误 3、警告 2、提示 0``."""
    t = Words(lang)
    when = format_time(run.get("finished_at"))
    if run.get("problem") and not _total(run):
        return t("history.trend_run", when=when, counts=t("verdict.unreachable"))
    counts = t.sep.join(f"{t.severity(s)} {int(run.get(s) or 0)}" for s, _ in _COLOURS)
    return t("history.trend_run", when=when, counts=counts)
