"""No reader ever raises on markup however broken: random soups of the constructs the readers look
for (tab blocks, hidden blocks, click scripts, deep nesting, cut-off tags) and real pages cut at
random points are read without an exception."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from auditor.page.crumbs import breadcrumb_names
from auditor.page.links import page_links
from auditor.page.listing import read_listing
from auditor.page.page_state import judge_document
from auditor.page.tree import Page

PIECES = (
    '<div class="tabs_header">', '<div class="tab-block">', "</div>", "<ul>", "<li>", "</li>", "</ul>",
    '<a href="/x/">更多></a>', '<a href="/y/202101/t20210101_1.html">标题</a>', "<span>2021-01-01</span>", "<dl>",
    "<dd>", "</dl>", "<table>", "<tr>", "<td>", "</table>", '<div style="display:none">', '<div class="hide">',
    "<h3>", "</h3>", "规划信息", "<li onclick=\"location.href='/z/'\">", "<a href=\"javascript:window.open('/w/')\">",
    '<div class="position">当前位置：<a href="/">首页</a> &gt; ', "<marquee>", "<!--", "-->",
    '<script>var a="<a href=x>";</script>', '<div class="nav">', '<div class="footer">', "\x00", "\u00ad", "<a",
    '<div class="lj_x">', "<p>Fatal error: x on line 3</p>", '<img title="图片" src="x.png">', "<select><option>",
    "<br/>", '<div class="item">', "<font>" * 300, "<b>" * 2100, '<div class="tabs"><span>A</span><span>B</span></div>',
    '<div class="pane" style="display:none">', "<a<tr>", '<div x="',
)


def _read(html: str) -> None:
    page = Page.parse(html, "http://x.gov.cn/a/")
    page_links(page)
    read_listing(page, dt.date(2021, 1, 1))
    judge_document(page, 200)
    breadcrumb_names(page)


@pytest.mark.parametrize("seed", range(6))
def test_random_soups_of_markup_are_read_without_an_exception(seed):
    rng = random.Random(seed)
    for _ in range(25):
        _read("<html><body>" + "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60))))


def test_real_pages_cut_anywhere_are_read_without_an_exception(realgov_dir):
    rng = random.Random(7)
    pages = [p.read_text(encoding="utf-8") for p in sorted(realgov_dir.glob("*/*")) if p.suffix in (".html", ".jsp")]
    for _ in range(24):
        source = rng.choice(pages)
        _read(source[: rng.randint(0, len(source))])
