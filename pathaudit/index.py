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
    """Write the index with ``rows`` over the rows the index already had (kept, as they were)."""
    book = IndexBook(root, history, lang)
    for row in rows:
        book.put(row, write=False)
    return book.write()


class IndexBook:
    """The index of every site audited into ``root``, updated one site at a time.

    ``--only``/``--schedule`` runs and the worker processes of ``pathaudit run`` each finish some
    sites; a row is replaced when its site ends and every other row is kept as ``index.json`` had
    it (re-read from that site's own folder), so a weekly run never drops the nightly sites, and a
    run killed half-way leaves an index of everything it finished. Rows are built once each: a
    site's findings.json is read when its row changes, not at every write."""

    def __init__(self, root: Path, history: str | None, lang: str) -> None:
        self.root, self.history, self.lang = root, history, lang
        self.rows: dict[str, Any] = {}
        self.folders: dict[str, str | None] = {}
        for entry in _old_entries(root / "index.json"):
            name = str(entry.get("name") or "")
            if not name:
                continue
            folder = entry.get("folder")
            folder_path = root / folder if isinstance(folder, str) else root / name / "latest"
            self.put({"name": name, "url": entry.get("url") or "", "schedule": entry.get("schedule"),
                      "folder": folder_path, "report": None, "problem": entry.get("problem")}, write=False)

    def put(self, row: dict[str, Any], *, write: bool = True) -> None:
        """Replace ``row["name"]``'s row (``report`` None: read from its folder, if it has one)."""
        report = row.get("report")
        folder = Path(row["folder"])
        if report is None:  # a site that failed may still have said why in its findings (site down)
            report = _read(folder / "findings.json")
        trends = _trends(self.history, [row["name"]])
        self.rows[row["name"]] = _site_row({**row, "report": report}, self.root, trends.get(row["name"], []))
        self.folders[row["name"]] = Path(os.path.relpath(folder, self.root)).as_posix()
        if write:
            self.write()

    def write(self) -> Path:
        from reports.index import render_index

        site_rows = list(self.rows.values())
        self.root.mkdir(parents=True, exist_ok=True)
        _atomic(self.root / "index.html", render_index(site_rows, self.lang))
        _atomic(self.root / "index.json", json.dumps(
            [{**_json(s), "folder": self.folders.get(s.name)} for s in site_rows], ensure_ascii=False, indent=2))
        return self.root / "index.html"


def _old_entries(path: Path) -> list[dict[str, Any]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [e for e in data if isinstance(e, dict)] if isinstance(data, list) else []


def _read(path: Path) -> Any:
    from auditor.model.findings import FindingsReport

    try:
        return FindingsReport.read(path)
    except Exception:  # a folder pruned or half-written: the row says what index.json said
        return None


def _site_row(row: dict[str, Any], root: Path, runs: list[dict[str, Any]]) -> Any:
    from reports.index import SiteRow

    report = row["report"]
    site = SiteRow(name=row["name"], url=row["url"], schedule=row["schedule"], verdict="failed",
                   problem=row["problem"], runs=runs)
    if report is not None:
        from reports.view import build_view

        view = build_view(report)
        site.verdict = "failed" if row["problem"] else view.verdict
        if view.verdict == "unreachable" and report.paths:  # the reason as a code, worded by the index
            site.reason = report.paths[0].reason_data
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
    return site


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
