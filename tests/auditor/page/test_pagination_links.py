"""Further list pages as the page links them: with cache-busters and tokens followed, each page once
however it is spelled (issue 11)."""

from __future__ import annotations

import datetime as dt

from auditor.page.listing import read_listing
from auditor.page.tree import Page

URL = "http://www.portal.gov.cn/zwgk/tzgg/index.html"


def _page(pager: str) -> Page:
    rows = "".join(
        f'<li><a href="./202603/t202603{10 + k}_{k}.html">通知第{k}号</a><span>2026-03-{10 + k}</span></li>' for k in range(5)
    )
    return Page.parse(f'<html><body><div class="main"><ul class="list">{rows}</ul><div class="page">{pager}</div></div></body></html>', URL)


def _next(pager: str) -> list[str]:
    return read_listing(_page(pager), dt.date(2026, 3, 31)).next_pages


def test_pages_linked_with_a_cache_buster_or_token_are_followed_as_written():
    pager = '<a href="index_1.html?t=1700000001">2</a><a href="index_2.html?token=ab12cd34&amp;t=9">3</a><a href="index_1.html?t=1700000002">下一页</a>'
    assert _next(pager) == [
        "http://www.portal.gov.cn/zwgk/tzgg/index_1.html?t=1700000001",
        "http://www.portal.gov.cn/zwgk/tzgg/index_2.html?token=ab12cd34&t=9",
    ]


def test_query_pages_of_the_same_list_are_followed_with_their_token():
    page = Page.parse(
        '<html><body><ul class="list">'
        + "".join(f'<li><a href="content.jsp?id={k}">通知{k}</a><span>2026-03-0{k + 1}</span></li>' for k in range(5))
        + '</ul><div class="pager"><a href="list.jsp?catid=12&amp;page=2&amp;token=x1">2</a>'
        '<a href="list.jsp?catid=12&amp;page=3&amp;token=x2">3</a><a href="list.jsp?catid=13&amp;page=2">别的栏目</a></div></body></html>',
        "http://www.portal.gov.cn/list.jsp?catid=12",
    )
    nxt = read_listing(page, dt.date(2026, 3, 31)).next_pages
    assert nxt == ["http://www.portal.gov.cn/list.jsp?catid=12&page=2&token=x1", "http://www.portal.gov.cn/list.jsp?catid=12&page=3&token=x2"]


def test_an_upper_case_variant_of_a_page_is_one_page():
    pager = '<a href="index_1.html">2</a><a href="INDEX_1.HTML">下一页</a><a href="Index_2.html">3</a><a href="index_2.html?_=5">尾页</a><a href="INDEX.html">首页</a>'
    assert _next(pager) == ["http://www.portal.gov.cn/zwgk/tzgg/index_1.html", "http://www.portal.gov.cn/zwgk/tzgg/Index_2.html"]
