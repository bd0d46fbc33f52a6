"""The verdict of a run and the CI gate: one judgement (:func:`judge`) read by the exit code and by
every report, so the page that says 不合格 and the build that fails never disagree.

``--fail-on error`` fails on any error, ``warning`` on warnings and errors, ``never`` only reports.
With a baseline only the findings that are new since it count, so a site with known problems can
still ship releases that do not add to them. A national veto line (``auditor.audit.inspection``)
crossed by this run fails the gate like an error (with a baseline: only a line the baseline had not
crossed), because the reports call such a site 不合格 whatever its findings' severities.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from auditor.audit.baseline import compare
from auditor.audit.inspection import InspectionView, inspect
from auditor.model.findings import SEVERITY_RANK, Finding, FindingsReport

#: the run's verdict, worst first: ``unreachable`` (nothing audited: neither pass nor fail), ``fail``
#: (an error, or a veto line crossed), ``incomplete`` (interrupted, nothing failing yet), ``warn``, ``pass``
Verdict = Literal["unreachable", "fail", "warn", "incomplete", "pass"]

FAIL_ON_CHOICES: tuple[str, ...] = ("error", "warning", "never")

EXIT_PASS = 0
EXIT_FAIL = 1
#: the portal could not be audited (its home page could not be read)
EXIT_UNREACHABLE = 3


@dataclass(frozen=True)
class Judgement:
    """A run judged once: the verdict every report shows and what the gate fails on."""

    verdict: Verdict
    fail_on: str
    #: the findings that fail the gate: at or above ``fail_on`` (only the new ones with a baseline)
    failing: tuple[Finding, ...]
    #: ids of the veto lines this run crossed that fail the gate (with a baseline: newly crossed)
    failing_lines: tuple[str, ...]
    #: whether only findings new since a baseline counted
    against_baseline: bool = False

    @property
    def fails(self) -> bool:
        """Does the gate fail (exit 1)?"""
        return bool(self.failing or self.failing_lines)

    @property
    def exit_code(self) -> int:
        if self.verdict == "unreachable":
            return EXIT_UNREACHABLE
        return EXIT_FAIL if self.fails else EXIT_PASS

    def fails_finding(self, finding: Finding) -> bool:
        """Is this finding one the gate fails on (by identity: a finding object of the judged report)?"""
        return any(f is finding for f in self.failing)


def judge(
    report: FindingsReport,
    baseline: FindingsReport | None = None,
    fail_on: str = "error",
    inspection: InspectionView | None = None,
) -> Judgement:
    """The verdict of ``report`` and its gate at ``fail_on`` (against ``baseline`` when given)."""
    inspection = inspection if inspection is not None else inspect(report)
    failing = tuple(failing_findings(gating_findings(report, baseline), fail_on))
    crossed = [line.id for line in inspection.lines if line.state == "crossed"]
    if baseline is not None and crossed:
        before = {line.id for line in inspect(baseline).lines if line.state == "crossed"}
        crossed = [line for line in crossed if line not in before]
    lines = tuple(crossed) if fail_on != "never" else ()
    return Judgement(_verdict(report, inspection), fail_on, failing, lines, baseline is not None)


def _verdict(report: FindingsReport, inspection: InspectionView) -> Verdict:
    if unreachable_home(report) is not None:  # nothing was audited: neither pass nor fail
        return "unreachable"
    severities = {f.severity for f in report.findings}
    if "error" in severities or inspection.crossed:
        return "fail"
    if not report.complete:
        return "incomplete"
    if "warning" in severities or inspection.warned:
        return "warn"
    return "pass"


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
    """0 when nothing (new) fails the gate at ``fail_on``, 1 otherwise, 3 when nothing was audited."""
    return judge(report, baseline, fail_on).exit_code


def unreachable_home(report: FindingsReport) -> dict | None:
    """Why the home page could not be read, when that left every path unverified (the portal could
    not be audited at all); None when the walk got past the home page."""
    if not report.paths or any(p.reason_code != "home_unreachable" for p in report.paths):
        return None
    data = report.paths[0].reason_data or {}
    within = data.get("within") or [{"code": "unknown"}]
    return within[0]
