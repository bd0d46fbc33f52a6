"""A list of one row is a list whatever its tag (issue 17): a single related article under an
article, or the one newest item of a block whose only click target is an ``onclick`` handler of the
page's own script, reads the same as ``ul/li`` and as ``div`` rows. A row is told by its shape
(one place it leads to, cells beside its link, text that is mostly its link's), so a line of text
that holds a link, or an article's source line, stays no list. Class names are drawn from nothing
the reader knows."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.page.listing import read_listing
from auditor.page.tree import Page

URL = "http://www.portal.gov.cn/qv/zk7/202305/t20230511_7.html"
AS_OF = dt.date(2023, 8, 1)
HEADLINE = "图文解读：关于印发公共服务实施办法的通知"
BODY = "<p>" + "全年实现生产总值比上年增长，三次产业结构比例继续调整，非公经济活力持续增强。" * 3 + "</p>"


def _lone_list(tag: str, row: str) -> str:
    """One row in a list of its own: ``ul > li`` or the same as ``div > div``."""
    outer, inner = ("ul", "li") if tag == "li" else ("div", "div")
    return f'<{outer} class="kvz"><{inner}>{row}</{inner}></{outer}>'


def _article(block: str) -> str:
    return (f'<html><body><div class="hqo"><h1>公共服务实施办法</h1><div class="zvu"><h3><span>相关稿件：</span></h3>'
            f'{block}</div><div class="qob">{BODY}</div></div></body></html>')


@pytest.mark.parametrize("tag", ["li", "div"])
def test_a_single_related_article_is_a_list_of_one_in_any_markup(tag: str):
    row = f'<a href="/qv/zk8/202307/t20230712_9.html">{HEADLINE}</a><span class="jx">2023-07-12</span>'
    listing = read_listing(Page.parse(_article(_lone_list(tag, row)), URL), AS_OF)
    assert (listing.kind, [(i.title, i.date) for i in listing.items]) == ("list", [(HEADLINE, "2023-07-12")])


@pytest.mark.parametrize("tag", ["li", "div"])
def test_a_single_row_whose_only_target_is_a_click_handler_is_an_item(tag: str):
    """The page's script says where ``vokz(1)`` goes; the template left an empty grid beside the row."""
    script = "<script>function vokz(id){ document.location.href = 'qz/view?id=' + id }</script>"
    row = f'<img src="b.png" alt=""><p onclick="vokz(1)">{HEADLINE}</p><span>2023-07-12</span>'
    holder = "ul" if tag == "li" else "div"
    block = _lone_list(tag, row).removesuffix(f"</{holder}>") + f'<div class="mw"><table></table></div></{holder}>'
    html = (f'<html><head>{script}</head><body><div class="rk"><div class="tq"><a href="/qv/zk9/">近期公开</a>'
            f'<a href="/qv/zk9/" class="uw">更多&gt;&gt;</a></div>{block}</div></body></html>')
    listing = read_listing(Page.parse(html, "http://www.portal.gov.cn/qv/"), AS_OF)
    assert [(i.url, i.date) for i in listing.items] == [("http://www.portal.gov.cn/qv/qz/view?id=1", "2023-07-12")]


def test_a_source_line_with_a_link_and_a_date_is_no_list():
    """``来源：<a>统计局</a> 2023-05-11`` alone in its box: its text is not mostly its link's."""
    block = '<div class="kvz"><div>来源：<a href="http://www.tj.gov.cn/">统计局</a><span>2023-05-11 10:20</span></div></div>'
    listing = read_listing(Page.parse(_article(block), URL), AS_OF)
    assert (listing.kind, listing.items) == ("page", [])


def test_a_sentence_holding_a_link_is_no_row():
    block = ('<div class="kvz"><p>详细内容请见<a href="/qv/zk8/202307/t20230712_9.html">附件</a>，'
             "本办法自2023年7月12日起施行，由县政府办公室负责解释。</p></div>")
    listing = read_listing(Page.parse(_article(block), URL), AS_OF)
    assert (listing.kind, listing.items) == ("page", [])
