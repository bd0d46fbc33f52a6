"""The CI gate: does this crawl fail the build?

``--fail-on error`` fails on any error, ``warning`` on warnings and errors, ``never`` only reports.
With a baseline only the findings that are new since it count, so a site with known problems can
still ship releases that do not add to them.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditor.audit.baseline import compare
from auditor.model.findings import SEVERITY_RANK, Finding, FindingsReport

FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "never")

EXIT_PASS = 0
EXIT_FAIL = 1


def gating_findings(report: FindingsReport, baseline: FindingsReport | None = None) -> list[Finding]:
    """The findings the gate looks at: all of them, or only the new ones when a baseline is given."""
    if baseline is None:
        return list(report.findings)
    return compare(report, baseline).new


def failing_findings(findings: Iterable[Finding], fail_on: str) -> list[Finding]:
    """The findings at or above ``fail_on`` (none for ``never``)."""
    if fail_on not in FAIL_ON_CHOICES:
        raise ValueError(f"fail_on must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")
    if fail_on == "never":
        return []
    threshold = SEVERITY_RANK[fail_on]
    return [f for f in findings if SEVERITY_RANK.get(f.severity, SEVERITY_RANK["error"]) >= threshold]


def exit_code(report: FindingsReport, fail_on: str = "error", baseline: FindingsReport | None = None) -> int:
    """0 when no (new) finding is at or above ``fail_on``, 1 otherwise."""
    failing = failing_findings(gating_findings(report, baseline), fail_on)
    return EXIT_FAIL if failing else EXIT_PASS


def unreachable_home(report: FindingsReport) -> dict | None:
    """Why the home page could not be read, when that left every path unverified (the portal could
    not be audited at all); None when the walk got past the home page."""
    if not report.paths or any(p.reason_code != "home_unreachable" for p in report.paths):
        return None
    data = report.paths[0].reason_data or {}
    within = data.get("within") or [{"code": "unknown"}]
    return within[0]
