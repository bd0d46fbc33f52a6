"""The CI gate's exit code for each --fail-on, with and without a baseline."""

from __future__ import annotations

import pytest

from auditor.model.findings import Finding, FindingsReport
from auditor.audit.gate import FAIL_ON_CHOICES, exit_code, failing_findings

SITE = "http://ljxq.cq.gov.cn"


def finding(kind: str, severity: str, path_id: str, url: str | None = None) -> Finding:
    return Finding(kind=kind, severity=severity, path=["政府信息公开", path_id], url=url, page=None,
                   message=f"{kind} {path_id}", evidence={}, path_id=path_id)


def report(*findings: Finding) -> FindingsReport:
    return FindingsReport(site={"start_url": f"{SITE}/", "hosts": []}, spec={"id": "s", "title": "t"},
                          started_at="2021-06-20T09:00:00+08:00", finished_at="2021-06-20T09:05:00+08:00",
                          complete=True, stats={}, paths=[], findings=list(findings))


ERROR = finding("missing_column", "error", "gtkj")
WARNING = finding("stale_section", "warning", "zxgh", f"{SITE}/zxgh/")
INFO = finding("unverified", "info", "xzxk")


@pytest.mark.parametrize(
    ("findings", "fail_on", "expected"),
    [
        ((), "error", 0),
        ((), "warning", 0),
        ((INFO,), "warning", 0),
        ((INFO, WARNING), "error", 0),
        ((INFO, WARNING), "warning", 1),
        ((ERROR,), "error", 1),
        ((ERROR,), "warning", 1),
        ((ERROR, WARNING, INFO), "never", 0),
    ],
)
def test_exit_code_by_threshold(findings, fail_on, expected):
    assert exit_code(report(*findings), fail_on) == expected


def test_with_a_baseline_only_new_findings_fail():
    old = report(ERROR, WARNING)
    assert exit_code(report(ERROR, WARNING), "warning", baseline=old) == 0
    assert exit_code(report(ERROR, WARNING), "warning") == 1

    worse = report(ERROR, WARNING, finding("broken_image", "error", "zcjd", f"{SITE}/a.jpg"))
    assert exit_code(worse, "error", baseline=old) == 1
    # a new warning fails --fail-on warning but not --fail-on error
    new_warning = report(ERROR, WARNING, finding("stale_section", "warning", "tzgg", f"{SITE}/tzgg/"))
    assert exit_code(new_warning, "error", baseline=old) == 0
    assert exit_code(new_warning, "warning", baseline=old) == 1


def test_fixing_things_never_fails_the_gate():
    assert exit_code(report(), "warning", baseline=report(ERROR, WARNING)) == 0


def test_failing_findings_lists_what_crossed_the_line():
    assert failing_findings([ERROR, WARNING, INFO], "warning") == [ERROR, WARNING]
    assert failing_findings([ERROR, WARNING, INFO], "never") == []


def test_unknown_threshold_is_refused():
    assert FAIL_ON_CHOICES == ("error", "warning", "never")
    with pytest.raises(ValueError, match="fail_on"):
        exit_code(report(ERROR), "fatal")


# --- one verdict: the reports' and the exit code's -----------------------------------------------------
from pathlib import Path  # noqa: E402

from auditor.audit.gate import judge  # noqa: E402
from auditor.model.findings import PathResult  # noqa: E402

DOWN = Path(__file__).resolve().parents[2] / "reports" / "data" / "down" / "findings.json"


def blank_paths(n: int) -> list[PathResult]:
    """Columns the walk found blank (status ``empty``) with no finding written for them: they still
    count toward the 空白栏目 veto line."""
    return [PathResult(id=f"p{i}", path=["政府信息公开", f"栏目{i}"], status="empty", url=f"{SITE}/p{i}/",
                       trail=[], items=0, latest_date=None, lead=[], responsible=[], clause="")
            for i in range(n)]


def test_a_crossed_veto_line_fails_the_gate_as_it_fails_the_report():
    """Five blank columns cross the 空白栏目 veto line: the report says 不合格, so the build fails,
    whatever the findings' severities (before: the report failed, the exit code passed)."""
    vetoed = report()
    vetoed.paths = blank_paths(5)
    judgement = judge(vetoed, fail_on="error")
    assert judgement.verdict == "fail" and judgement.failing_lines == ("blank_columns",)
    assert exit_code(vetoed, "error") == 1
    assert exit_code(vetoed, "never") == 0
    # already crossed in the baseline: not new, the gate passes
    assert exit_code(vetoed, "error", baseline=vetoed) == 0
    warned = report()
    warned.paths = blank_paths(3)
    assert judge(warned).verdict == "warn" and exit_code(warned, "error") == 0


def test_the_reports_show_the_gates_verdict():
    from reports.view import build_view

    vetoed = report()
    vetoed.paths = blank_paths(5)
    for sample in (report(), report(ERROR), report(WARNING), vetoed, FindingsReport.read(DOWN)):
        assert build_view(sample).verdict == judge(sample).verdict


def test_a_portal_not_audited_is_exit_3_by_the_same_judgement():
    down = FindingsReport.read(DOWN)
    assert judge(down).verdict == "unreachable"
    assert exit_code(down, "warning") == 3
