"""The 整改台账 workbook as an inspector opens it."""

from __future__ import annotations

from openpyxl.utils import get_column_letter

import copy
import io
import zipfile

import pytest
from openpyxl import load_workbook

from reports import render

HEADER = ["序号", "栏目路径", "问题类型", "问题描述", "页面链接", "牵头单位", "责任单位", "发现时间", "整改状态"]


def open_book(data: bytes):
    return load_workbook(io.BytesIO(data))


@pytest.fixture
def sheet(findings_report):
    return open_book(render(findings_report, "xlsx")).active


def rows(sheet) -> list[dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_one_row_per_finding_with_the_ledger_columns(sheet, findings_report):
    assert sheet.title == "整改台账"
    assert [c.value for c in sheet[1]][:9] == HEADER
    got = rows(sheet)
    assert len(got) == len(findings_report.findings)
    assert [r["序号"] for r in got] == list(range(1, len(got) + 1))
    assert {r["整改状态"] for r in got} == {"未整改"}
    assert {r["发现时间"] for r in got} == {"2021-06-20 09:07 UTC+8"}
    missing = next(r for r in got if r["问题类型"] == "栏目缺失")
    assert missing["栏目路径"] == "政府信息公开 > 法定主动公开内容 > 规划信息 > 国土空间规划"
    assert missing["牵头单位"] == "规划自然资源局" and missing["责任单位"] == "规划自然资源局"
    assert missing["页面链接"] == "http://ljxq.cq.gov.cn/zwgk/fdzdgknr/ghjh/"  # where the walk stopped
    renamed = next(r for r in got if r["问题类型"] == "栏目名称不规范" and "规划" in r["栏目路径"])
    assert renamed["牵头单位"] == "办公室" and renamed["责任单位"] == "各街道、各部门、各驻区机构"
    site = next(r for r in got if r["栏目路径"] == "（站点级）")
    assert site["问题类型"] == "图片无法显示"


def test_usable_as_opened(sheet):
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEFGHI"}
    assert widths["A"] < widths["C"] < widths["B"] <= widths["D"]
    assert all(w >= 6 for w in widths.values())
    validations = sheet.data_validations.dataValidation
    assert any("未整改" in v.formula1 and "已销号" in v.formula1 and "I2" in str(v.sqref) for v in validations)
    assert sheet["A1"].font.bold


def test_links_only_for_http_urls(sheet):
    got = list(sheet.iter_rows(min_row=2))
    linked = [row[4] for row in got if row[4].hyperlink is not None]
    assert linked and all(c.hyperlink.target.startswith("http") for c in linked)
    js = [row[4] for row in got if row[4].value == "javascript:alert(1)"]
    assert js and all(c.hyperlink is None for c in js)


def test_crawled_text_never_becomes_a_formula(findings_report):
    report = copy.deepcopy(findings_report)
    for finding in report.findings[:3]:
        finding.code = None  # written before codes: the message is shown as written
    report.findings[0].message = '=HYPERLINK("http://evil.example/","点击")'
    report.findings[1].message = "+1+cmd|' /C calc'!A0"
    report.findings[2].message = "含控制字符\x00\x07的标题"
    data = render(report, "xlsx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml
    got = rows(open_book(data).active)
    assert got[0]["问题描述"] == '=HYPERLINK("http://evil.example/","点击")'
    assert got[2]["问题描述"] == "含控制字符的标题"


def test_baseline_keeps_first_found_time_and_lists_fixed_findings(findings_report, baseline_report):
    sheet = open_book(render(findings_report, "xlsx", "zh", baseline_report)).active
    assert [c.value for c in sheet[1]][-1] == "对比上次"
    got = rows(sheet)
    assert len(got) == len(findings_report.findings) + 1
    new = [r for r in got if r["对比上次"] == "新增"]
    assert {r["栏目路径"].split(" > ")[-1] for r in new} == {"专项规划", "通知公告"}
    assert {r["发现时间"] for r in new} == {"2021-06-20 09:07 UTC+8"}
    unchanged = [r for r in got if r["对比上次"] == "未变"]
    assert len(unchanged) == 16 and {r["发现时间"] for r in unchanged} == {"2021-05-20 09:06 UTC+8"}
    fixed = [r for r in got if r["对比上次"] == "已解决"]
    assert len(fixed) == 1 and fixed[0]["整改状态"] == "已整改" and "机构职能" in fixed[0]["栏目路径"]


def test_finding_ids_match_between_ledgers(findings_report, baseline_report):
    now = {r["问题标识"] for r in rows(open_book(render(findings_report, "xlsx")).active)}
    before = {r["问题标识"] for r in rows(open_book(render(baseline_report, "xlsx")).active)}
    assert len(now & before) == 16  # the same problems, whatever their wording


def test_english_ledger(findings_report):
    sheet = open_book(render(findings_report, "xlsx", "en")).active
    assert sheet.title == "Remediation ledger"
    assert sheet["A1"].value == "No." and sheet["I2"].value == "open"


# --- 依据条款, one sheet per lead unit, a portal not audited ---------------------------------------------
def _sheet_rows(sheet) -> list[dict]:
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_every_row_names_its_clause_and_each_lead_unit_has_its_sheet(findings_report):
    from io import BytesIO

    from openpyxl import load_workbook

    from reports import render
    from reports.view import build_view

    book = load_workbook(BytesIO(render(findings_report, "xlsx", "zh")))
    ledger = _sheet_rows(book["整改台账"])
    clauses = {p.id: p.clause for p in findings_report.paths}
    owned = [f for f in findings_report.findings if f.path_id in clauses]
    assert {row["依据条款"] for row in ledger} >= {clauses[f.path_id] for f in owned if clauses[f.path_id]}
    units = [s.unit for s in build_view(findings_report).units if s.unit]
    assert book.sheetnames == ["整改台账", "概况", *units]
    for unit in units:
        rows = _sheet_rows(book[unit])
        assert rows and all(unit in row["牵头单位"] for row in rows)
        # the numbers of the ledger of record, so a unit's row is found on the first sheet
        first = {row["序号"]: row["问题标识"] for row in ledger}
        assert all(first[row["序号"]] == row["问题标识"] for row in rows)
    assert book[units[0]].freeze_panes == "A2" and book[units[0]].auto_filter.ref


def test_a_portal_not_audited_adds_no_row_and_no_unit_sheet():
    from io import BytesIO
    from pathlib import Path

    from openpyxl import load_workbook

    from auditor.model.findings import FindingsReport
    from reports import render

    down = FindingsReport.read(Path(__file__).parent / "data" / "down" / "findings.json")
    book = load_workbook(BytesIO(render(down, "xlsx", "zh")))
    assert book.sheetnames == ["整改台账", "概况"]
    assert _sheet_rows(book["整改台账"]) == []
    assert "无法核查" in book.properties.title


def test_a_unit_name_excel_refuses_becomes_a_sheet_name_it_takes():
    from reports.xlsx import _sheet_name

    assert _sheet_name("规划/自然资源局[筹]", []) == "规划_自然资源局_筹_"
    long = "很长的单位名称" * 6
    first = _sheet_name(long, [])
    assert len(first) == 31 and _sheet_name(long, [first]).endswith("(2)") and len(_sheet_name(long, [first])) == 31
