"""The one-screen summary printed at the end of a crawl. Its counts are the view model's
(``reports.view.Counts``), the same numbers every report prints."""

from __future__ import annotations

from pathlib import Path

from auditor.audit.baseline import compare
from auditor.audit.gate import unreachable_home
from auditor.model.findings import SEVERITY_RANK, FindingsReport


def print_summary(report: FindingsReport, out_dir: Path, *, baseline: FindingsReport | None = None, limit: int = 12) -> None:
    from reports.view import build_view

    counts = build_view(report).counts  # the numbers every report prints: one state per path
    if unreachable_home(report) is not None:
        state = "NOT AUDITED (the home page could not be read)"
    else:
        state = "complete" if report.complete else "PARTIAL (crawl interrupted)"
    print(f"PathAudit {report.spec.get('title') or report.spec.get('id')} — {report.site.get('start_url')}")
    print(f"  crawl {state}; {report.stats.get('pages', 0)} pages, {report.stats.get('media_checked', 0)} media checked")
    print("  paths:    " + "  ".join(f"{s} {n}" for s, n in counts.states.items()) + f"  (of {counts.paths})")
    print("  findings: " + "  ".join(f"{s} {n}" for s, n in counts.severities.items()) + f"  (of {counts.findings})")
    if counts.kinds:
        print("            " + ", ".join(f"{k} {n}" for k, n in counts.kinds.items()))
    if baseline is not None:
        diff = compare(report, baseline)
        print(f"  since baseline: {len(diff.new)} new, {len(diff.resolved)} resolved")
    ranked = sorted(report.findings, key=lambda f: -SEVERITY_RANK.get(f.severity, 0))
    for finding in ranked[:limit]:
        print(f"  [{finding.severity}] {finding.kind}: {finding.message}")
    if len(ranked) > limit:
        print(f"  … and {len(ranked) - limit} more")
    print(f"  outputs in {out_dir}/ (findings.json and reports)")
