"""The site's own column map in the workbook and the Markdown summary, as the HTML report draws it:
the 整改台账 gains a sheet, 网站栏目地图, with one row per column of findings.json's ``column_map`` (a
parent before its children, its place written out, the mandated path it is, the veto lines it counts
on), 概况 counts the veto lines over every column of the site, and the Markdown summary names the
columns on each line. A document without a map keeps its workbook as it was (``test_xlsx.py``)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook

from auditor.model.findings import FindingsReport
from reports import render


@pytest.fixture(scope="module")
def document(liangjiang_mapped) -> dict[str, Any]:
    return liangjiang_mapped()


def _book(document: dict[str, Any], lang: str = "zh"):
    return load_workbook(io.BytesIO(render(FindingsReport.from_dict(document), "xlsx", lang)))


def _rows(sheet) -> list[dict[str, object]]:
    header = [c.value for c in sheet[1]]
    return [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]


def test_every_column_of_the_map_is_a_row_after_its_parent(document: dict[str, Any]):
    book = _book(document)
    assert book.sheetnames[:2] == ["整改台账", "概况"] and book.sheetnames[-1] == "网站栏目地图"
    sheet = book["网站栏目地图"]
    rows = _rows(sheet)
    columns = document["column_map"]["columns"]
    assert sorted(r["页面链接"] for r in rows) == sorted(c["url"] for c in columns)
    by_url = {c["url"]: c for c in columns}
    seen: dict[str, dict[str, object]] = {}
    for row in rows:
        column = by_url[row["页面链接"]]
        parent = column.get("parent_url")
        if parent in by_url:  # its parent came first, one level up, and its place ends with the parent
            assert parent in seen and row["层级"] == seen[parent]["层级"] + 1
            assert str(row["栏目位置"]).split(" > ")[-1] == seen[parent]["栏目名称"]
        else:
            assert row["层级"] == 1 and not row["栏目位置"]
        assert row["栏目名称"] == column["name"]
        seen[str(row["页面链接"])] = row
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref
    assert sheet.cell(row=2, column=9).hyperlink is not None


def test_mandated_columns_name_their_path_and_veto_lines_count_every_column(document: dict[str, Any]):
    book = _book(document)
    rows = {r["页面链接"]: r for r in _rows(book["网站栏目地图"])}
    mandated = [p for p in document["paths"] if p.get("url") and p["status"] != "missing"]
    for path in mandated:
        assert " > ".join(path["path"]) in str(rows[path["url"]]["规定栏目"])
    veto = document["column_map"]["veto"]
    blank = {c["url"] for c in veto["blank"]["columns"]}
    assert blank, "the map has blank columns, one of them no mandate names"
    assert {url for url, r in rows.items() if "空白栏目" in str(r["单项否决"])} == blank
    unmandated_blank = [url for url in blank if not rows[url]["规定栏目"]]
    assert unmandated_blank, "a blank column no mandate names counts as the inspector counts it"
    summary = {r["项目"]: r["数量"] for r in _rows(book["概况"])}
    assert summary["全站 · 空白栏目"] == len(blank)
    assert summary["全站 · 栏目不更新（一年以上）"] == len(veto["long_stale"]["columns"])
    assert summary["网站栏目（栏目地图）"] == len(rows)


def test_the_english_workbook_names_the_map_in_english(document: dict[str, Any]):
    book = _book(document, "en")
    assert book.sheetnames[-1] == "The site's column map"
    header = [c.value for c in book["The site's column map"][1]]
    assert header[:3] == ["Level", "Place in the site", "Column"]


def test_the_markdown_summary_names_the_columns_on_each_line(document: dict[str, Any]):
    text = render(FindingsReport.from_dict(document), "md", "zh")
    assert "### 网站栏目地图" in text
    section = text.split("### 网站栏目地图", 1)[1].split("\n### ", 1)[0]
    veto = document["column_map"]["veto"]
    blank_row = next(line for line in section.splitlines() if line.startswith("| 空白栏目 |"))
    assert blank_row.split("|")[2].strip() == str(len(veto["blank"]["columns"]))
    for column in veto["blank"]["columns"]:
        assert column["url"] in blank_row
    assert "未读取的栏目链接（1 个）" in section


def test_no_map_no_section():
    from pathlib import Path

    down = FindingsReport.read(Path(__file__).parent / "data" / "down" / "findings.json")
    assert "网站栏目地图" not in render(down, "md", "zh")
