"""The one-screen summary printed at the end of a crawl."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from auditor.audit.baseline import compare
from auditor.audit.gate import unreachable_home
from auditor.model.findings import SEVERITY_RANK, FindingsReport

_STATUS_ORDER = ("ok", "missing", "empty", "stale", "unverified")


def print_summary(report: FindingsReport, out_dir: Path, *, baseline: FindingsReport | None = None, limit: int = 12) -> None:
    statuses = Counter(p.status for p in report.paths)
    kinds = Counter(f.kind for f in report.findings)
    severities = Counter(f.severity for f in report.findings)
    if unreachable_home(report) is not None:
        state = "NOT AUDITED (the home page could not be read)"
    else:
        state = "complete" if report.complete else "PARTIAL (crawl interrupted)"
    print(f"PathAudit {report.spec.get('title') or report.spec.get('id')} — {report.site.get('start_url')}")
    print(f"  crawl {state}; {report.stats.get('pages', 0)} pages, {report.stats.get('media_checked', 0)} media checked")
    print("  paths:    " + "  ".join(f"{s} {statuses.get(s, 0)}" for s in _STATUS_ORDER) + f"  (of {len(report.paths)})")
    print("  findings: " + "  ".join(f"{s} {severities.get(s, 0)}" for s in ("error", "warning", "info")))
    if kinds:
        print("            " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if baseline is not None:
        diff = compare(report, baseline)
        print(f"  since baseline: {len(diff.new)} new, {len(diff.resolved)} resolved")
    ranked = sorted(report.findings, key=lambda f: -SEVERITY_RANK.get(f.severity, 0))
    for finding in ranked[:limit]:
        print(f"  [{finding.severity}] {finding.kind}: {finding.message}")
    if len(ranked) > limit:
        print(f"  … and {len(ranked) - limit} more")
    print(f"  outputs in {out_dir}/ (findings.json and reports)")
