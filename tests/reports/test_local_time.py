"""Times for people in the configured zone, named; the run's day is that zone's day (issue 20).

The documented nightly run starts at 01:30 Beijing time, which is 17:30 UTC the day before, and
findings.json records its times in UTC (ISO-8601 with the offset). Every document a person reads
must date it the Beijing day, show the Beijing time with its zone, and count its 整改期限 and its
整改日期 from that day. The zone is the process's (``timezone`` setting, made ``TZ`` by the command;
the report tests' own fixture sets Asia/Shanghai); a run under another zone reads otherwise.
"""

from __future__ import annotations

import datetime as dt
import io
import time
import xml.etree.ElementTree as ET

import pytest
from openpyxl import load_workbook

from auditor.model.findings import FindingsReport
from reports import render
from reports.clock import format_local, local_date, zone_label
from reports.view import build_view

#: 01:30 Beijing time on 2 March, as findings.json writes it: 17:30 UTC on 1 March
STARTED, FINISHED = "2026-03-01T17:25:00+00:00", "2026-03-01T17:30:00+00:00"


@pytest.fixture
def night_run(liangjiang) -> FindingsReport:
    data = liangjiang()
    data["started_at"], data["finished_at"] = STARTED, FINISHED
    return FindingsReport.from_dict(data)


@pytest.fixture
def night_baseline(baseline_report) -> FindingsReport:
    """The night before's run: 01:30 Beijing time on 1 March."""
    baseline_report.started_at, baseline_report.finished_at = "2026-02-28T17:25:00+00:00", "2026-02-28T17:30:00+00:00"
    return baseline_report


def test_the_helper_reads_utc_as_beijing_time_with_its_zone():
    assert format_local(FINISHED) == "2026-03-02 01:30 UTC+8"
    assert format_local(FINISHED, seconds=True) == "2026-03-02 01:30:00 UTC+8"
    assert local_date(FINISHED) == dt.date(2026, 3, 2)
    assert zone_label(dt.datetime(2026, 1, 1, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))) == "UTC+5:30"
    assert format_local(None) == "—" and format_local("not a time") == "not a time"


def test_the_html_report_shows_beijing_time_and_dates_its_notices_the_beijing_day(night_run):
    page = str(render(night_run, "html", "zh"))
    assert "2026-03-02 01:25 UTC+8 – 2026-03-02 01:30 UTC+8" in page
    assert "17:30" not in page and "2026-03-01" not in page
    assert "核查日期：2026-03-02" in page


def test_deadlines_count_from_the_beijing_day(night_run):
    view = build_view(night_run)
    missing = next(f for f in view.findings if f.kind == "missing_column")
    assert view.fix(missing).days == 30 and view.fix(missing).due == dt.date(2026, 4, 1)  # 2 March + 30 days


def test_the_ledger_dates_finds_and_fixes_the_beijing_day(night_run, night_baseline):
    sheet = load_workbook(io.BytesIO(render(night_run, "xlsx", "zh", night_baseline))).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    new = [r for r in rows if r["对比上次"] == "新增"]
    assert new and {r["发现时间"] for r in new} == {"2026-03-02 01:30 UTC+8"}
    assert {r["发现时间"] for r in rows if r["对比上次"] == "未变"} == {"2026-03-01 01:30 UTC+8"}
    fixed = [r for r in rows if r["对比上次"] == "已解决"]
    assert fixed and {r["整改日期"] for r in fixed} == {"2026-03-02"}


def test_markdown_and_junit_read_beijing_time(night_run):
    markdown = str(render(night_run, "md", "zh"))
    assert "2026-03-02 01:25 UTC+8 – 2026-03-02 01:30 UTC+8" in markdown
    junit = render(night_run, "junit", "zh")
    stamps = {s.get("timestamp") for s in ET.fromstring(junit).iter("testsuite")}
    assert stamps == {"2026-03-02T01:25:00"}


def test_another_zone_reads_the_same_moment_otherwise(night_run, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    try:
        page = str(render(night_run, "html", "zh"))
        assert "2026-03-01 17:25 UTC – 2026-03-01 17:30 UTC" in page and "核查日期：2026-03-01" in page
    finally:
        monkeypatch.setenv("TZ", "Asia/Shanghai")
        time.tzset()
