"""The index of a ``pathaudit run``: ``OUT/index.html`` and ``OUT/index.json`` over every site of it.

Each row comes from the site's findings.json of this run (verdict, counts, new and resolved since
its previous run) and, for the trend, from the history database, so a site that failed this time
still shows its earlier runs.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

from auditor.model.findings import FINDING_KINDS

#: runs per sparkline
SPARK_RUNS = 20


def write_index(root: Path, history: str | None, rows: list[dict[str, Any]], lang: str) -> Path:
    from reports.index import SiteRow, render_index

    site_rows: list[SiteRow] = []
    trends = _trends(history, [r["name"] for r in rows])
    for row in rows:
        report = row["report"]
        site = SiteRow(name=row["name"], url=row["url"], schedule=row["schedule"], verdict="failed",
                       problem=row["problem"], runs=trends.get(row["name"], []))
        if report is not None:
            from reports.view import build_view

            view = build_view(report)
            site.verdict = "failed" if row["problem"] else view.verdict
            site.severities = dict(view.severity_counts)
            site.kinds = _kinds(report)
            hist = report.history or {}
            if hist.get("previous_run"):
                site.new = int(hist.get("new") or 0)
                from pathaudit.history.record import resolved_count

                site.resolved = resolved_count(hist)
            site.finished_at = report.finished_at
            html = Path(row["folder"]) / "report.html"
            if html.exists():
                site.report_href = Path(os.path.relpath(html, root)).as_posix()
        site_rows.append(site)
    root.mkdir(parents=True, exist_ok=True)
    _atomic(root / "index.html", render_index(site_rows, lang))
    _atomic(root / "index.json", json.dumps([_json(s) for s in site_rows], ensure_ascii=False, indent=2))
    return root / "index.html"


def _kinds(report: Any) -> dict[str, int]:
    counts = Counter(f.kind for f in report.findings)
    return {k: counts[k] for k in [*FINDING_KINDS, *sorted(set(counts) - set(FINDING_KINDS))] if counts.get(k)}


def _trends(history: str | None, names: list[str]) -> dict[str, list[dict[str, Any]]]:
    if not history or not Path(history).is_file():
        return {}
    from pathaudit.history.db import HistoryError, open_history

    try:
        with open_history(history) as db:
            return {name: [r.trend_point() for r in db.runs(name, limit=SPARK_RUNS)] for name in names}
    except HistoryError:
        return {}


def _json(site: Any) -> dict[str, Any]:
    data = dict(site.__dict__)
    data["trend"] = [r.get("total") for r in data.pop("runs")]
    return data


def _atomic(target: Path, text: str) -> None:
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(target)
