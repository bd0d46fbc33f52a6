"""The breadcrumb a person reads, and nothing the page put after it."""

from __future__ import annotations

import pytest

from auditor.page.crumbs import breadcrumb_names
from auditor.page.tree import Page

LIST = ('<table><tr><td><a href="202111/t20211126_1.html">领导信息公告（一）</a><td>2021-11-26</table>'
        '<div class="side"><ul><li><a href="/jggk/">机构概况<li><a href="/">返回首页</ul></div><div class="footer">主办：示例门户')


@pytest.mark.parametrize("crumb", [
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/jggk/">机构概况</a> &gt; <a href="./">领导信息</a>',
    '<div class="dqwz">您现在的位置：<a href="/">首页</a> » <a href="/jggk/">机构概况</a> » 领导信息',
    '<div class="w1200"><a href="/">首页</a> &gt; <a href="/jggk/">机构概况</a> &gt; <span>领导信息</span></div>',
])
def test_an_unclosed_breadcrumb_gives_only_its_own_crumbs(crumb):
    page = Page.parse(f"<html><body>{crumb}{LIST}</body></html>", "http://x.gov.cn/jggk/ldxx/")
    assert breadcrumb_names(page) == ["首页", "机构概况", "领导信息"]


def test_the_real_pages_breadcrumbs(realgov_dir):
    wanzai = realgov_dir / "SimonXinw-job" / "wanzai_tjsja_2022_article.html"
    crumbs = breadcrumb_names(Page.parse(wanzai.read_text(encoding="utf-8"), "http://www.wanzai.gov.cn/"))
    assert crumbs[0] == "首页" and crumbs[-1] == "统计数据" and "法定主动公开内容" in crumbs
