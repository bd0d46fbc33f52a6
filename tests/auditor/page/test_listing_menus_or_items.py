"""A block of sibling links is a list of items or a menu by cues weighed together (issue 17), in
markup whose class names say nothing: dates, headline-length texts, a link to the page itself,
links repeated elsewhere on the page, rows holding lists of their own."""

from __future__ import annotations

import datetime as dt

from auditor.page.listing import read_listing
from auditor.page.tree import Page

URL = "http://www.portal.gov.cn/qv/zk7/"
AS_OF = dt.date(2026, 3, 31)
HEADLINES = ("关于印发公共服务实施办法的通知", "公共服务管理暂行规定", "关于进一步加强教育事业工作的意见")


def _read(main: str):
    html = f'<html><body><div class="hx"><div class="tq">栏目</div>{main}</div></body></html>'
    return read_listing(Page.parse(html, URL), AS_OF)


def _rows(links: list[tuple[str, str]]) -> str:
    return '<div class="vq">' + "".join(f'<div><a href="{u}">{t}</a></div>' for u, t in links) + "</div>"


def test_undated_rows_of_headlines_with_slug_links_are_items():
    listing = _read(_rows([(f"/kz/{k}-qvzu.html", t) for k, t in zip("abc", HEADLINES)]))
    assert listing.kind == "list"
    assert [i.title for i in listing.items] == list(HEADLINES)


def test_the_same_rows_linking_the_page_itself_are_the_menu_of_its_level():
    rows = [(f"/kz/{k}-qvzu.html", t) for k, t in zip("abc", HEADLINES)] + [(URL, "本栏目的名称比较长一些")]
    assert _read(_rows(rows)).items == []


def test_undated_short_names_are_a_menu_whatever_their_addresses_look_like():
    rows = [(f"/qv/{n}.html", name) for n, name in zip((102, 103, 104, 106), ("政策文件", "政策解读", "规划信息", "人事信息"))]
    assert _read(_rows(rows)).items == []


def test_the_one_row_left_under_a_year_heading_is_a_row():
    block = '<div class="yk">{year}年</div><div class="zl">{rows}</div>'
    first = "".join(f'<div><a href="/kz/{k}.html">{t}</a><span>0{m}-02</span></div>' for k, t, m in zip("ab", HEADLINES, (3, 2)))
    last = f'<div><a href="/kz/c.html">{HEADLINES[2]}</a><span>12-15</span></div>'
    listing = _read(block.format(year=2026, rows=first) + block.format(year=2025, rows=last))
    assert [(i.title, i.date) for i in listing.items] == [
        (HEADLINES[0], "2026-03-02"), (HEADLINES[1], "2026-02-02"), (HEADLINES[2], "2025-12-15")]


def test_a_later_page_whose_pager_links_the_column_page_keeps_its_undated_items():
    """Page 2 of the list: its pager's 1 links the column's folder, which is no menu of the rows."""
    rows = "".join(f'<div><a href="/kz/{k}-qvzu.html">{t}</a></div>' for k, t in zip("abc", HEADLINES))
    html = (f'<html><body><div class="hx"><div class="vq">{rows}<div class="pz"><a href="{URL}">1</a> <span>2</span>'
            "</div></div></div></body></html>")
    listing = read_listing(Page.parse(html, URL + "qv2.html"), AS_OF)
    assert [i.title for i in listing.items] == list(HEADLINES)
