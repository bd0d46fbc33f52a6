"""The 信息公开目录 (gkml) dialect: a catalogue table's 发布日期 cell is the row's date, not the
成文日期 before it nor the index number that looks half like a date."""

from __future__ import annotations

import datetime as dt

from auditor.page.dialects import DIALECTS
from auditor.page.dialects.gkml import GKML
from auditor.page.listing import parse_listing
from auditor.page.tree import Page

TABLE = """<html><body><table>
<tr><th>索引号</th><th>名称</th><th>成文日期</th><th>发布日期</th></tr>
<tr><td>000014348/2020-35428</td><td><a href="/a/1.html">关于某某事项的通知</a></td><td>2020-03-01</td><td>2020-03-09</td></tr>
<tr><td>000014348/2020-35429</td><td><a href="/a/2.html">关于另一事项的通知</a></td><td>2020-02-01</td><td>2020-02-11</td></tr>
<tr><td>000014348/2020-35430</td><td><a href="/a/3.html">关于第三事项的通知</a></td><td>2020-01-01</td><td>2020-01-21</td></tr>
</table></body></html>"""
URL = "http://xxgk.example.gov.cn/gkml/index.html"


def test_registered() -> None:
    assert GKML in DIALECTS


def test_the_publication_date_cell() -> None:
    page = Page.parse(TABLE, URL)
    rows = list(page.root.iter("tr"))
    assert GKML.date_cell(rows[0]) is not None  # the heading row's own cell (it is no entry)
    assert GKML.date_cell(rows[1]).text == "2020-03-09"
    assert GKML.date_cell(page.root.find(".//td")) is None  # not a row


def test_the_list_reader_dates_rows_by_their_publication_date() -> None:
    listing = parse_listing(TABLE, URL, dt.date(2020, 8, 15))
    assert [item.date for item in listing.items] == ["2020-03-09", "2020-02-11", "2020-01-21"]
