"""The one-screen summary printed at the end of a crawl (worded and counted by ``reports.terminal``)."""

from __future__ import annotations

from pathlib import Path

from auditor.model.findings import FindingsReport


def print_summary(report: FindingsReport, out_dir: Path, *, baseline: FindingsReport | None = None,
                  limit: int = 12, lang: str = "zh") -> None:
    from reports.terminal import render_summary

    print(render_summary(report, out_dir, lang, baseline, limit))
