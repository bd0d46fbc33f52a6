"""A column page that shows its name and nothing below it, where its list would be, is an empty
column (no placeholder text, no list container, classes nobody told the reader); a page whose
list the reader cannot read, or that could draw one, stays unknown (``auditor.page.empty_lists``)."""

from __future__ import annotations

import datetime as dt

import pytest

from auditor.page.listing import parse_listing

AS_OF = dt.date(2024, 6, 3)
URL = "http://www.example.gov.cn/qoxu/102.html"


def _page(content: str, after: str = "", crumb: str = '<div class="zuvo">首页 - <span>政策文件</span></div>') -> str:
    nav = ('<div class="kiro"><table class="wabe"><tr><td><a href="/">首页</a></td></tr>'
           '<tr><td><a href="/qoxu/101.html">政务公开</a></td></tr><tr><td><a href="/qoxu/110.html">新闻中心</a></td></tr>'
           '<tr><td><a href="/qoxu/114.html">互动交流</a></td></tr></table></div>')
    return (f'<html><head><meta charset="utf-8"><title>政策文件_青岚区人民政府</title></head><body>{nav}'
            f'<div class="meda">{crumb}<div class="tofu">政策文件</div>{content}</div>{after}'
            '<div class="pelo"><a href="/zovu.html">网站地图</a><p>主办：青岚区人民政府</p></div></body></html>')


@pytest.mark.parametrize("content", [
    pytest.param("", id="nothing-at-all"),
    pytest.param('<div class="xoxojo"></div>', id="an-empty-unnamed-block"),
    pytest.param('<div style="display:none"><ul><li><a href="/a/1.html">关于印发营商环境实施办法的通知</a> 2024-05-01</li>'
                 '<li><a href="/a/2.html">关于印发城市更新实施办法的通知</a> 2024-05-02</li></ul></div>', id="a-hidden-block"),
])
def test_a_page_showing_its_name_and_nothing_below_it_is_an_empty_list(content: str):
    listing = parse_listing(_page(content), URL, AS_OF)
    assert (listing.kind, listing.items) == ("list", [])


def test_the_sibling_menu_beside_it_is_not_its_list():
    menu = ('<div class="sati"><div>政务公开</div><table class="wabe"><tr><td><a href="/qoxu/102.html">政策文件</a></td></tr>'
            '<tr><td><a href="/qoxu/103.html">政策解读</a></td></tr><tr><td><a href="/qoxu/108.html">人事信息</a></td></tr></table></div>')
    crumb = '<div class="zuvo">您在这里：<a href="/">首页</a>»<a href="/qoxu/101.html">政务公开</a>»<span>政策文件</span></div>'
    listing = parse_listing(_page("", crumb=crumb + menu, after=""), URL, AS_OF)
    assert (listing.kind, listing.items) == ("list", [])


@pytest.mark.parametrize(("content", "after"), [
    pytest.param('<script src="/js/liebiao.js"></script>', "", id="a-script-below-the-name"),
    pytest.param('<iframe src="/qoxu/frame102.html"></iframe>', "", id="a-frame-below-the-name"),
    pytest.param("", '<div class="wuvo"><p><a href="/a/1.html">营商环境</a></p><p><a href="/a/2.html">城市更新</a></p>'
                 '<p><a href="/a/3.html">生态保护</a></p></div>', id="links-further-down"),
    pytest.param('<div><p>本栏目发布区政府及其部门制定的规范性文件。</p></div>', "", id="text-below-the-name"),
    pytest.param("", '<div class="wuvo"><a href="/a/1.html">关于印发营商环境实施办法的通知</a></div>', id="one-headline-further-down"),
])
def test_anything_below_the_name_or_further_down_keeps_it_from_being_read_empty(content: str, after: str):
    listing = parse_listing(_page(content, after), URL, AS_OF)
    assert listing.kind != "list" or listing.items, listing
