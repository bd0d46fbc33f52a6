"""Write a finished crawl's reports, once, after its history was recorded.

The 整改台账 is written here rather than by ``reports.write_all`` because it carries the inspector's
edits over from the previous ledger: the one named by ``--ledger``, else the previous run's from
the history database.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from auditor.audit.gate import Judgement
from auditor.model.findings import FindingsReport


def write_reports(job: Any, report: FindingsReport, baseline: FindingsReport | None,
                  gate: Judgement | None = None) -> list[Path]:
    """``gate``: the exit code's judgement, so JUnit fails what the gate fails."""
    from reports import output_name, write_all

    formats = list(job.formats)
    written = write_all(report, job.out_dir, lang=job.lang, baseline=baseline,
                        formats=[f for f in formats if f != "xlsx"], gate=gate)
    if "xlsx" in formats:
        from reports.xlsx import render_xlsx

        target = job.out_dir / output_name("xlsx", job.lang)
        kept = _unchanged_ledger(job, report)
        if kept is not None:  # a run that audited nothing changes no row: the last ledger, byte for byte
            written.append(_write_bytes(target, kept.read_bytes()))
            return written
        carried = _carried_ledger(job, report, target)
        written.append(_write_bytes(target, render_xlsx(report, job.lang, baseline, carried)))
    return written


def _unchanged_ledger(job: Any, report: FindingsReport) -> Path | None:
    """The ledger this run must leave as it was, when the run could not audit the site: the one
    named by ``--ledger``, else the last audited run's (None when there is none)."""
    history = report.history or {}
    if not history.get("not_audited"):
        return None
    last = history.get("last_audited_run") or {}
    source = job.ledger or last.get("ledger")
    return Path(source) if source and Path(source).is_file() else None


def _carried_ledger(job: Any, report: FindingsReport, target: Path) -> Any:
    from reports.xlsx import read_ledger

    previous = (report.history or {}).get("previous_run") or {}
    source = job.ledger or previous.get("ledger")
    if not source:
        return None
    path = Path(source)
    if not path.is_file():
        if job.ledger:
            print(f"pathaudit: the ledger {path} does not exist; its states are not carried over", file=sys.stderr)
        return None
    try:
        return read_ledger(path)
    except ValueError as err:
        print(f"pathaudit: {err}; its states are not carried over", file=sys.stderr)
        return None


def _write_bytes(target: Path, data: bytes) -> Path:
    """Atomically: a reader (or Excel) never sees half a ledger."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return target
