"""Where a page stands when its breadcrumb does not say: the heading of the block in which it marks
itself (a drop-down's group link, a sibling menu's title), with class names nobody told the reader."""

from __future__ import annotations

import datetime as dt

from auditor.page.answer import Answer, judge_answer
from auditor.walk.confirm import block_headings, check_step

URL = "http://portal.test/q/110.html"
AS_OF = dt.date(2024, 6, 1)
ITEMS = "".join(f'<div><a href="/x/{n}.html">关于第{n}号事项的通知</a><i>2024-05-0{n}</i></div>' for n in range(1, 6))


def page(menu: str, name: str = "通知公告"):
    """A column page whose breadcrumb is shortened to home and itself (no parent shown)."""
    crumb = f'<div class="zq">位置：<a href="/">首页</a> - <span>{name}</span></div>'
    html = (f'<html><head><meta charset="utf-8"><title>{name}</title></head><body>{menu}{crumb}'
            f'<div class="vx">{name}</div><div class="kq">{ITEMS}</div></body></html>')
    return judge_answer(Answer(URL, 200, {"content-type": "text/html; charset=utf-8"}, html.encode("utf-8")),
                        {"http://portal.test/"})


DROP_DOWN = ('<div class="qz"><div><a href="/">首页</a></div><div><a href="/q/101.html">政务公开</a>'
             '<div class="jj"><div><a href="/q/102.html">政策文件</a></div><div><a href="/q/110.html">通知公告</a></div>'
             '</div></div><div><a href="/q/111.html">新闻中心</a><div class="jj"><div><a href="/q/112.html">工作动态</a>'
             '</div></div></div></div>')
SIBLING_MENU = ('<div class="uu"><div class="hh">新闻中心</div><ul class="ll"><li><a href="/q/112.html">工作动态</a></li>'
                '<li><a href="/q/110.html" class="zx">通知公告</a></li></ul></div>')


def test_a_drop_down_puts_the_page_under_its_group_link():
    assert block_headings(page(DROP_DOWN)) == ["政务公开"]


def test_a_sibling_menu_puts_the_page_under_its_title():
    assert block_headings(page(SIBLING_MENU)) == ["新闻中心"]


def test_a_page_under_another_mandated_section_is_not_the_column_there():
    """通知公告 mandated under 新闻中心; the page's drop-down puts it under 政务公开: contradicted."""
    check = check_step(page(DROP_DOWN), {"通知公告"}, {"新闻中心"}, AS_OF, {"政务公开", "政策文件", "工作动态"},
                       ("新闻中心",))
    assert (check.verdict, check.parent) == ("contradicted", False)
    placed = check_step(page(SIBLING_MENU), {"通知公告"}, {"新闻中心"}, AS_OF, {"政务公开", "工作动态"}, ("新闻中心",))
    assert placed.verdict == "confirmed" and placed.parent is True


def test_a_heading_naming_a_level_above_the_parent_is_the_site_skipping_a_level():
    """国土空间规划 under 政务公开 > 规划信息, offered in 政务公开's drop-down: not another section."""
    menu = DROP_DOWN.replace("通知公告", "国土空间规划")
    check = check_step(page(menu, "国土空间规划"), {"国土空间规划"}, {"规划信息"}, AS_OF, {"政务公开", "政策文件"},
                       ("政务公开", "规划信息"))
    assert check.parent is None and check.verdict != "contradicted"
