"""Recording runs in the history database: a finding's identity, age and count across runs, the
previous usable run as the baseline, and a database file that is not one."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from types import SimpleNamespace

import pytest

from auditor.audit.baseline import finding_identities, recorded_baseline
from auditor.model.findings import Finding, FindingsReport, PathResult
from pathaudit.history.db import HistoryError, open_history
from pathaudit.history.record import record_failure, record_run

URL = "http://portal.example/"


def finding(kind: str, path: list[str], url: str | None, message: str = "问题") -> Finding:
    return Finding(kind=kind, severity="error", path=path, url=url, page=None, message=message, path_id=None)


def report(findings: list[Finding], finished: str, *, complete: bool = True, down: bool = False) -> FindingsReport:
    paths = []
    if down:  # every path unverified because the home page refused the connection
        paths = [PathResult(id="p", path=["公开"], status="unverified", url=None, trail=[], items=None,
                            latest_date=None, lead=[], responsible=[], clause="", reason_code="home_unreachable",
                            reason_data={"code": "home_unreachable", "within": [{"code": "connection_refused"}]})]
    return FindingsReport(site={"start_url": URL, "hosts": ["portal.example"]}, spec={"id": "s", "title": "t"},
                          started_at=finished, finished_at=finished, complete=complete,
                          stats={"pages": 10}, paths=paths, findings=findings)


def job(tmp_path: Path, name: str) -> SimpleNamespace:
    out = tmp_path / name
    out.mkdir()
    return SimpleNamespace(site="portal", url=URL, history=str(tmp_path / "h.sqlite"), out_dir=out, lang="zh",
                           findings_path=out / "findings.json")


def test_a_finding_keeps_its_first_seen_and_counts_its_runs_while_a_fixed_one_is_resolved(tmp_path):
    a = lambda: finding("broken_image", ["公开", "图片"], URL + "a.jpg")  # noqa: E731
    b = lambda: finding("missing_column", ["公开", "规划"], URL + "gh/")  # noqa: E731
    c = lambda: finding("empty_section", ["公开", "预算"], URL + "ys/")  # noqa: E731
    first = report([a(), b()], "2026-01-01T01:00:00+00:00")
    assert record_run(job(tmp_path, "r1"), first) is None
    assert first.history["previous_run"] is None and first.findings[0].in_previous_run is None
    second = report([a(), c()], "2026-01-02T01:00:00+00:00")
    second.findings[0].message = "措辞改了"  # a reworded message is still the same finding
    baseline = record_run(job(tmp_path, "r2"), second)
    assert [f.kind for f in baseline.findings] == ["broken_image", "missing_column"]
    kept, new = second.findings
    assert (kept.first_seen, kept.last_seen, kept.runs_seen, kept.in_previous_run) == (
        "2026-01-01T01:00:00+00:00", "2026-01-02T01:00:00+00:00", 2, True)
    assert (new.first_seen, new.runs_seen, new.in_previous_run) == ("2026-01-02T01:00:00+00:00", 1, False)
    assert [f["kind"] for f in second.history["resolved"]] == ["missing_column"]
    assert second.history["new"] == 1 and [r["total"] for r in second.history["runs"]] == [2, 2]
    # what the reports compare with, rebuilt from findings.json alone
    again = FindingsReport.read(tmp_path / "r2" / "findings.json")
    assert sorted(f.kind for f in recorded_baseline(again).findings) == ["broken_image", "missing_column"]


def test_a_partial_run_or_a_site_that_was_down_is_never_the_previous_run(tmp_path):
    a = finding("broken_image", ["公开", "图片"], URL + "a.jpg")
    record_run(job(tmp_path, "r1"), report([a], "2026-01-01T01:00:00+00:00"))
    record_run(job(tmp_path, "r2"), report([], "2026-01-02T01:00:00+00:00", complete=False))
    record_run(job(tmp_path, "r3"), report([], "2026-01-03T01:00:00+00:00", down=True))
    record_failure(tmp_path / "h.sqlite", "portal", URL, "s", "cannot start: bad spec", "x", "2026-01-04T01:00:00+00:00")
    last = report([finding("broken_image", ["公开", "图片"], URL + "a.jpg")], "2026-01-05T01:00:00+00:00")
    record_run(job(tmp_path, "r5"), last)
    assert last.history["previous_run"]["finished_at"] == "2026-01-01T01:00:00+00:00"
    assert last.findings[0].in_previous_run is True and last.findings[0].runs_seen == 2
    with open_history(tmp_path / "h.sqlite") as db:
        runs = db.runs("portal")
    assert [r.usable for r in runs] == [True, False, False, False, True]
    assert runs[2].problem.startswith("site unreachable") and runs[3].problem == "cannot start: bad spec"


def test_two_findings_with_one_key_get_distinct_identities():
    same = [finding("broken_image", ["公开"], URL + "a.jpg"), finding("broken_image", ["公开"], URL + "a.jpg")]
    first, second = finding_identities(same)
    assert second == f"{first}-2"


def test_a_file_that_is_not_a_history_database_is_refused_in_one_line(tmp_path):
    bogus = tmp_path / "h.sqlite"
    bogus.write_text("not a database", encoding="utf-8")
    with pytest.raises(HistoryError, match="not a PathAudit history database"):
        with open_history(bogus):
            pass
    newer = tmp_path / "newer.sqlite"
    with sqlite3.connect(newer) as connection:
        connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.execute("INSERT INTO meta VALUES ('schema_version', '99')")
    with pytest.raises(HistoryError, match="newer PathAudit"):
        with open_history(newer):
            pass
