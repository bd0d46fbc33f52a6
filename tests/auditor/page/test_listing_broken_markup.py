"""Lists in broken markup are counted as a browser shows them: an unclosed breadcrumb does not swallow
the list, and entries written as one-row tables nested in the list's rows are entries."""

from __future__ import annotations

import datetime as dt

from auditor.page.listing import parse_listing
from auditor.page.tree import Page

AS_OF = dt.date(2021, 12, 1)
ROWS = "".join(
    f'<tr><td><table><tr><td><a href="2021{m:02d}/t2021{m:02d}15_{m}.html">第{m}号公告</a><td>2021-{m:02d}-15</table>'
    for m in range(1, 8)
)


def test_nested_one_row_tables_are_one_entry_each():
    html = f'<html><body><div class="main"><table class="list">{ROWS}</table></div></body></html>'
    listing = parse_listing(html, "http://h/tzgg/", AS_OF)
    assert (listing.kind, len(listing.items)) == ("list", 7)
    assert listing.items[0].date == "2021-01-15"


def test_an_unclosed_breadcrumb_does_not_swallow_the_list():
    html = (
        '<html><body><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="./">通知公告</a>'
        f'<table class="list">{ROWS}</table><div class="footer">主办单位</div></body></html>'
    )
    listing = parse_listing(html, "http://h/tzgg/", AS_OF)
    assert len(listing.items) == 7
    page = Page.parse(html, "http://h/tzgg/")
    crumb = page.root.find(".//a")
    assert page.region(crumb) == "breadcrumb"
    assert page.region(page.root.find(".//table")) == "main"
    assert page.region(page.root.find(".//div[@class='footer']")) == "footer"
