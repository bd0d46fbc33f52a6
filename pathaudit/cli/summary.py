"""The summary printed at the end of a crawl, for operators and CI logs.

Each finding line names the column path and the URL; with a baseline (or the previous run of the
history) the new findings come first; the last line says the verdict, why the exit code is what it
is, and where report.html is, so a CI log's last line is enough. The counts are the view
model's (``reports.view.Counts``), the same numbers every report prints.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from auditor.audit.baseline import compare, recorded_baseline
from auditor.audit.gate import judge, unreachable_home
from auditor.model.findings import SEVERITY_RANK, Finding, FindingsReport


def print_summary(outcome: Any, *, limit: int = 12) -> None:
    report: FindingsReport = outcome.report
    job = outcome.job
    for line in summary_lines(report, job.out_dir, outcome.baseline, job.fail_on, outcome.exit_code, limit=limit):
        print(line)


def summary_lines(report: FindingsReport, out_dir: Path, gate_baseline: FindingsReport | None, fail_on: str,
                  code: int, *, limit: int = 12) -> list[str]:
    from reports.view import build_view

    lines: list[str] = []
    counts = build_view(report).counts  # the numbers every report prints: one state per path
    if unreachable_home(report) is not None:
        state = "NOT AUDITED (the home page could not be read)"
    else:
        state = "complete" if report.complete else "PARTIAL (crawl interrupted)"
    lines.append(f"PathAudit {report.spec.get('title') or report.spec.get('id')} — {report.site.get('start_url')}")
    lines.append(f"  crawl {state}; {report.stats.get('pages', 0)} pages, "
                 f"{report.stats.get('media_checked', 0)} media checked")
    lines.append("  paths:    " + "  ".join(f"{s} {n}" for s, n in counts.states.items()) + f"  (of {counts.paths})")
    lines.append("  findings: " + "  ".join(f"{s} {n}" for s, n in counts.severities.items())
                 + f"  (of {counts.findings})")
    if counts.kinds:
        lines.append("            " + ", ".join(f"{k} {n}" for k, n in counts.kinds.items()))
    shown_baseline = gate_baseline or recorded_baseline(report)
    new_ids: set[int] = set()
    if shown_baseline is not None:
        diff = compare(report, shown_baseline)
        new_ids = {id(f) for f in diff.new}
        since = "baseline" if gate_baseline is not None else "previous run"
        lines.append(f"  since {since}: {len(diff.new)} new, {len(diff.resolved)} resolved")
    ranked = sorted(report.findings, key=lambda f: (id(f) not in new_ids, -SEVERITY_RANK.get(f.severity, 0)))
    for finding in ranked[:limit]:
        lines.append("  " + finding_line(finding, new=id(finding) in new_ids))
    if len(ranked) > limit:
        lines.append(f"  … and {len(ranked) - limit} more (all in findings.json)")
    lines.append(verdict_line(report, out_dir, gate_baseline, fail_on, code))
    return lines


def finding_line(finding: Finding, *, new: bool = False) -> str:
    """``[error] NEW broken_image 政府信息公开 > … > 图片 — http://…/a.jpg — message``."""
    where = " > ".join(finding.path) if finding.path else "(site)"
    url = finding.url or finding.page or "-"
    mark = "NEW " if new else ""
    return f"[{finding.severity}] {mark}{finding.kind} {where} — {url} — {finding.message}"


def verdict_line(report: FindingsReport, out_dir: Path, gate_baseline: FindingsReport | None, fail_on: str,
                 code: int) -> str:
    """The last line: verdict, the reason for the exit code, where the report is."""
    from reports.view import build_view

    verdict = build_view(report).verdict
    html = Path(out_dir) / "report.html"
    where = f"report: {html}" if html.exists() else f"outputs: {out_dir}/"
    if code == 3:
        why = "exit 3: the portal could not be audited: its home page could not be read"
    elif code == 130:
        why = "exit 130: the crawl was stopped; what it saw is written, marked partial"
    elif fail_on == "never":
        why = f"exit {code}: --fail-on never"
    else:
        gate = judge(report, gate_baseline, fail_on)
        scope = "new findings" if gate_baseline is not None else "findings"
        if gate.failing:
            why = f"exit {code}: {len(gate.failing)} {scope} at or above {fail_on}"
        elif gate.failing_lines:
            why = f"exit {code}: veto line crossed ({', '.join(gate.failing_lines)})"
        else:
            why = f"exit {code}: no {scope} at or above {fail_on}"
    return f"verdict {verdict_word(verdict)} — {why} — {where}"


def site_line(name: str, outcome: Any, problem: str | None, folder: Path) -> str:
    """One line per site of ``pathaudit run``: its verdict and counts, or why it could not be audited."""
    if outcome is None or outcome.report is None:
        return f"  {name}: FAILED — {problem or 'unknown'}"
    from reports.view import build_view

    report = outcome.report
    severities = Counter(f.severity for f in report.findings)
    history = report.history or {}
    since = ""
    if history.get("previous_run"):
        from pathaudit.history.record import resolved_count

        since = f", {history.get('new') or 0} new, {resolved_count(history)} resolved since the previous run"
    state = "" if report.complete else " (partial)"
    head = f"FAILED — {problem}; " if problem else ""
    return (f"  {name}: {head}verdict {verdict_word(build_view(report).verdict)}{state} — error {severities.get('error', 0)}, "
            f"warning {severities.get('warning', 0)}, info {severities.get('info', 0)}{since} — {folder}/report.html")


def verdict_word(verdict: str) -> str:
    """The verdict for the terminal: the code in capitals, except the one state every report calls
    无法核查 / Not audited, which is NOT AUDITED here too (not UNREACHABLE: one word per state)."""
    return "NOT AUDITED" if verdict == "unreachable" else verdict.upper()

