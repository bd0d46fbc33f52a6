"""HTTP 200 pages that are a server's failure, not the column: unverified with a code, never a
column with one item (issue 11)."""

from __future__ import annotations

import pytest

from auditor.page.page_state import judge_page

TEMPLATE_TOP = (
    '<html><head><meta charset="utf-8"><title>规划信息_示例市人民政府</title></head><body>'
    '<div class="header"><div class="logo">示例市人民政府</div></div>'
    '<div class="nav"><a href="/">首页</a><a href="/zwgk/">政务公开</a><a href="/xwzx/">新闻中心</a></div>'
    '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 规划信息</div>'
    '<div class="main"><ul class="list">'
    '<li><a href="/zwgk/ghxx/202603/t20260310_1.html">关于印发专项规划的通知</a><span>2026-03-10</span></li>'
)
TEMPLATE_END = "</ul></div><div class=\"footer\">主办：示例市人民政府</div></body></html>"

ERRORS = {
    "php": "<br />\n<b>Fatal error</b>:  Uncaught Error: Call to undefined function mysql_connect() in /var/www/html/list.php:12\nStack trace:\n#0 {main}\n  thrown in <b>/var/www/html/list.php</b> on line <b>12</b><br />",
    "tomcat": "<h1>HTTP Status 500 – Internal Server Error</h1><p><b>Type</b> Exception Report</p><pre>java.lang.NullPointerException\n\tat com.trs.ListServlet.doGet(ListServlet.java:88)</pre>",
    "oracle": "<p>ORA-12541: TNS:no listener</p>",
    "chinese": "<div class=\"err\">数据库连接失败，请稍后再试</div>",
    "aspnet": "<h1>Server Error in '/' Application.</h1><h2><i>Runtime Error</i></h2>",
}


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_an_error_printed_where_the_list_died_makes_the_page_a_server_error(kind):
    # the render died after the first item: the error text follows it, the template never ends
    page = TEMPLATE_TOP + ERRORS[kind]
    state = judge_page(page, 200)
    assert state.kind == "server_error", kind
    assert "server error page" in state.reason


@pytest.mark.parametrize("kind", sorted(ERRORS))
def test_a_whole_error_page_sent_with_200_is_a_server_error(kind):
    page = f"<html><head><title>错误</title></head><body>{ERRORS[kind]}</body></html>"
    assert judge_page(page, 200).kind == "server_error", kind


def test_a_render_that_died_after_ul_is_cut_short():
    state = judge_page(TEMPLATE_TOP, 200)
    assert state.kind == "cut_short" and state.reason.phrase().startswith("page cut short")


def test_a_body_cut_before_the_list_is_cut_short_not_empty():
    page = TEMPLATE_TOP + TEMPLATE_END
    cut = page[: page.index('<div class="main">') + 10]
    assert judge_page(cut, 200).kind == "cut_short"


def test_whole_pages_that_mention_errors_are_content():
    article = (
        TEMPLATE_TOP
        + "</ul><div class=\"content\"><p>"
        + "关于数据库连接失败问题的整改情况说明。" * 30
        + "</p><p>系统错误日志显示 ORA-12541 已于当日修复。</p><p>"
        + "后续将加强运维。" * 20
        + "</p></div>"
        + TEMPLATE_END
    )
    assert judge_page(TEMPLATE_TOP + TEMPLATE_END, 200).kind == "content"
    assert judge_page(article, 200).kind == "content"
    listing = TEMPLATE_TOP + '<li><a href="/x/202603/t20260301_2.html">关于系统错误的通报</a><span>2026-03-01</span></li>' + TEMPLATE_END
    assert judge_page(listing, 200).kind == "content"


def test_real_pages_are_never_error_pages(realgov_dir):
    for path in sorted(realgov_dir.glob("*/*")):
        if path.suffix in (".html", ".jsp"):
            assert judge_page(path.read_text(encoding="utf-8"), 200).kind == "content", path.name


def test_the_screen_reads_every_text_node_outside_scripts_and_styles_as_plain_strings():
    """``could_be_broken``'s text: the text nodes whose parent is no script or style, in document
    order (tails of scripts included), as plain strings (lxml's "smart" ones each hold their element)."""
    import lxml.etree

    from auditor.page.error_pages import _SHOWN_TEXT
    from auditor.page.tree import Page

    page = Page.parse("<html><head><title>404 页面</title><style>.a{}</style></head><body>前<script>var x='不存在';"
                      "</script>后<div>一<b>二</b>三<style>b{}</style>四</div><p hidden>藏</p>尾</body></html>",
                      "http://site.test/x.html")
    spec = lxml.etree.XPath("//text()[not(parent::script or parent::style)]")(page.root)
    found = _SHOWN_TEXT(page.root)
    assert found == spec == ["404 页面", "前", "后", "一", "二", "三", "四", "藏", "尾"]
    assert all(type(text) is str for text in found)
