"""One count of 空白栏目 and 栏目不更新 for the whole report: the state tiles, the veto lines, the
by-kind table, the Markdown summary and the ledger's summary sheet say the same number of columns
(the demo: 3 empty_section findings stand for 5 blank columns — a blank parent and its two required
sub-columns among them)."""

from __future__ import annotations

import io
import re
from pathlib import Path

from openpyxl import load_workbook

from auditor.model.findings import FindingsReport
from reports import render
from reports.view import build_view

GOLDEN = Path(__file__).resolve().parents[1] / "data" / "golden" / "findings.json"


def test_the_veto_lines_count_the_columns_the_state_tiles_count():
    view = build_view(FindingsReport.read(GOLDEN))
    lines = {line.id: line for line in view.inspection.lines}
    assert view.counts.states["empty"] == lines["blank_columns"].count == 5
    assert view.counts.states["stale"] == lines["long_stale_columns"].count == 1
    assert view.counts.kinds["empty_section"] == 3 and view.counts.kind_columns["empty_section"] == 5


def test_the_html_by_kind_table_says_how_many_columns_its_findings_stand_for():
    html = render(FindingsReport.read(GOLDEN), "html", "zh")
    row = re.search(r'<tr data-kind="empty_section">.*?</tr>', html, re.S).group(0)
    assert "3 条（5 个栏目）" in row
    assert "计数口径：规定栏目及其规则要求的子栏目中" in html  # which columns count, said once


def test_markdown_and_the_ledger_say_the_same_number():
    report = FindingsReport.read(GOLDEN)
    md = render(report, "md", "zh")
    assert "| 空白栏目 | 3 条（5 个栏目） |" in md
    assert re.search(r"\| 空白栏目 \| 5 \| ≥ 3 \| ≥ 5 \|", md)
    sheet = load_workbook(io.BytesIO(render(report, "xlsx", "zh")))["概况"]
    rows = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    assert rows["问题 · 空白栏目（栏目数）"] == 5 and rows["栏目路径 · 空白"] == 5
