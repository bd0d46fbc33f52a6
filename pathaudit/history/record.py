"""Record a finished crawl in the history database and give its findings their past.

After a crawl: the run and its findings go into the database; each finding gets ``first_seen``,
``last_seen``, ``runs_seen`` and ``in_previous_run``; findings.json gets a ``history`` block (the
previous run, the findings resolved since, the counts of the last runs for the trend chart), so
every report rebuilt from that file shows new and resolved findings and the trend.

"The previous run" is the site's latest *usable* run: complete, with its home page reached. A run
cut short or of a site that was down says nothing about what was fixed, so it is never the baseline.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from auditor.audit.baseline import finding_identities, site_origin
from auditor.model.findings import Finding, FindingsReport

#: runs shown in the trend chart
TREND_RUNS = 30


def site_name(name: str | None, start_url: str) -> str:
    """A site's name in the history: the given one, else the start URL's host (and port)."""
    return name or urlsplit(start_url).netloc or start_url


def unreachable_reason(report: FindingsReport) -> str | None:
    """Why the site could not be audited at all (its home page could not be read), else None."""
    from auditor.audit.gate import unreachable_home
    from auditor.model.reasons import explain

    home = unreachable_home(report)
    return None if home is None else f"site unreachable: {explain(home, 'en')}"


def usable(report: FindingsReport) -> bool:
    """Can this run be the baseline of the next: complete, and the home page answered?"""
    return bool(report.complete) and unreachable_reason(report) is None


def unverified_paths(report: FindingsReport) -> set[str]:
    """Ids of the paths this run could not check (timed out, refused, behind a broken parent…)."""
    return {p.id for p in report.paths if p.status == "unverified" and p.id}


#: resolved findings of the previous run listed in findings.json (and so in every report); the
#: count is always whole (``resolved_count``)
RESOLVED_LISTED = 500


def resolved_count(history: dict[str, Any] | None) -> int:
    """How many findings of the previous run this run resolved: ``resolved_count``, or the length of
    the list in a findings.json written before the count existed."""
    history = history or {}
    count = history.get("resolved_count")
    return int(count) if isinstance(count, int) else len(history.get("resolved") or [])


def record_run(job: Any, report: FindingsReport) -> FindingsReport | None:
    """Record ``report`` (the crawl of ``job``), annotate it with its history and rewrite its
    findings.json; returns the previous usable run as a findings report (None if there is none).

    A run tells only what it checked. One that could not audit the site (its home page unread)
    resolves nothing, ages nothing and adds no finding to the history: the site's findings stay
    as the last audited run left them (its row is kept, unusable, with why). In a run that did
    audit, a previous finding on a path this run could not check is not resolved: it is carried
    into this run's findings in the database (``carried``) so it stays open, with its age."""
    from pathaudit.history.db import open_history
    from reports.view import build_view

    site = site_name(job.site, str(report.site.get("start_url") or job.url))
    identities = finding_identities(report.findings, site_origin(report))
    audited = unreachable_reason(report) is None
    with open_history(job.history) as db:
        previous = db.previous_usable_run(site)
        previous_findings = db.findings_of(previous.id) if previous else {}
        severities = Counter(f.severity for f in report.findings)
        run_id = db.add_run(
            site=site, start_url=str(report.site.get("start_url") or job.url), spec=report.spec.get("id"),
            started_at=report.started_at, finished_at=report.finished_at, complete=report.complete,
            usable=usable(report), errors=severities.get("error", 0), warnings=severities.get("warning", 0),
            infos=severities.get("info", 0), kinds=dict(Counter(f.kind for f in report.findings)),
            out_dir=str(job.out_dir), ledger=_ledger_path(job), problem=unreachable_reason(report),
        )
        if not audited:
            report.history = {
                "site": site, "run_id": run_id, "database": str(Path(job.history)),
                # no comparison: this run saw nothing, so nothing is new or resolved
                "previous_run": None, "new": None, "resolved": [],
                "not_audited": True, "still_open": len(previous_findings),
                "last_audited_run": _run_summary(previous) if previous else None,
                "runs": [],
            }
            verdict = build_view(report).verdict
            db.update_run(run_id, verdict=verdict)
            report.history["runs"] = [run.trend_point() for run in db.runs(site, limit=TREND_RUNS)]
            report.write(job.findings_path)
            return None
        seen = db.seen_stats(site, before=run_id)
        for finding, identity in zip(report.findings, identities):
            past = seen.get(identity)
            finding.first_seen = past.first_seen if past else report.finished_at
            finding.last_seen = report.finished_at
            finding.runs_seen = (past.runs_seen if past else 0) + 1
            finding.in_previous_run = (identity in previous_findings) if previous else None
        unchecked = unverified_paths(report)
        current = set(identities)
        carried = {identity: {**data, "carried": True} for identity, data in previous_findings.items()
                   if identity not in current and data.get("path_id") in unchecked}
        db.add_findings(run_id, [(i, _finding_data(f)) for f, i in zip(report.findings, identities)]
                        + list(carried.items()))
        resolved = [data for identity, data in previous_findings.items()
                    if identity not in current and identity not in carried]
        new = sum(1 for f in report.findings if previous and not f.in_previous_run)
        report.history = {
            "site": site,
            "run_id": run_id,
            "database": str(Path(job.history)),
            "previous_run": _run_summary(previous) if previous else None,
            "new": new if previous else None,
            # a count and a bounded list: 300 000 resolved findings made a 252 MB findings.json; the
            # rest stays in the history database
            "resolved": resolved[:RESOLVED_LISTED],
            "resolved_count": len(resolved),
            "still_open": len(carried),
            "runs": [],
        }
        verdict = build_view(report).verdict
        db.update_run(run_id, verdict=verdict, new=new if previous else None,
                      resolved=len(resolved) if previous else None)
        report.history["runs"] = [run.trend_point() for run in db.runs(site, limit=TREND_RUNS)]
    report.write(job.findings_path)
    if previous is None:
        return None
    return FindingsReport(
        site={"start_url": previous.start_url}, spec=report.spec, started_at=previous.started_at or "",
        finished_at=previous.finished_at or "", complete=previous.complete, stats={}, paths=[],
        findings=[Finding(**{k: v for k, v in data.items() if k in _FIELDS}) for data in previous_findings.values()],
    )


def record_failure(history: str | Path, site: str, start_url: str, spec: str | None, problem: str,
                   started_at: str, finished_at: str, out_dir: str | None = None) -> int:
    """Record a run that produced no findings (bad spec, crawl that could not run): its row says why."""
    from pathaudit.history.db import open_history

    with open_history(history) as db:
        return db.add_run(site=site, start_url=start_url, spec=spec, started_at=started_at,
                          finished_at=finished_at, complete=False, usable=False, verdict="failed",
                          kinds={}, out_dir=out_dir, problem=problem)


def _ledger_path(job: Any) -> str | None:
    from reports import output_name

    return str(Path(job.out_dir) / output_name("xlsx", job.lang))


def _run_summary(run: Any) -> dict[str, Any]:
    return {"run_id": run.id, "start_url": run.start_url, "started_at": run.started_at, "finished_at": run.finished_at,
            "complete": run.complete, "out_dir": run.out_dir, "ledger": run.ledger}


def _finding_data(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    return {k: v for k, v in data.items() if v is not None or k in ("path", "url", "page", "path_id")}


_FIELDS = set(Finding.__dataclass_fields__)
