"""Facts of a page for the clause rules: phones of the page's own text, labelled values, related links."""

from __future__ import annotations

from auditor.page.facts import find_phones, labelled_values, read_facts
from auditor.page.tree import Page

CONTACT = """<html><head><meta name="viewport" content="width=device-width"></head><body>
<div class="nav"><a href="/">首页</a><a href="http://m.example.gov.cn/">手机版</a></div>
<div class="main"><h1>联系我们</h1><p>办公地址：金开大道1号</p><p>咨询电话：（023）6766 7000　12345热线</p>
<p>印发日期：2021-05-31　文号：渝两江管办发〔2021〕44号</p></div>
<div class="footer">网站值班电话：023-60000000</div></body></html>"""

INTERPRETATION = """<html><body><div class="article"><h1>一图读懂</h1>
<p>受理日期：2021-05-03 答复日期 2021-05-10 答复内容：已办理。</p>
<div class="xgwj"><h3>相关文件</h3><ul><li><a href="/zc/1.html">关于X的通知</a></li></ul></div>
<p>附件：<a href="/f/1.pdf">附件1</a></p>
<p>原文：<a href="/zc/2.html">政策原文</a></p><p><a href="/other.html">上一篇</a></p>
<table><tr><td>政策原文</td><td><a href="/zc/3.html">T</a></td></tr></table></div></body></html>"""


def test_phones_come_from_the_page_not_its_footer():
    facts = read_facts(Page.parse(CONTACT, "http://www.example.gov.cn/lxwm/"))
    assert facts.phones == ["(023)6766 7000"]  # as written, after NFKC (full-width brackets)
    assert facts.viewport is True
    assert facts.mobile_links == ["http://m.example.gov.cn/"]


def test_dates_and_document_numbers_are_not_phones():
    assert find_phones("2021-05-31 渝两江管办发〔2021〕44号 索引号：11500000MB1234567") == []
    assert find_phones("热线电话：12345，手机 13800138000，服务 400-810-1234") == ["13800138000", "400-810-1234", "12345"]


def test_labelled_values_run_to_the_next_label():
    values = labelled_values("受理日期：2021-05-03 答复日期 2021-05-10 办理状态：已办结 答复内容：已办理。")
    assert values == {"受理日期": "2021-05-03", "答复日期": "2021-05-10", "办理状态": "已办结", "答复内容": "已办理。"}


def test_a_value_ends_at_any_other_label_that_starts_a_cell():
    values = labelled_values("回复内容：暂无 回复单位：城市管理局 受理时间：2021年5月3日")
    assert values["回复内容"] == "暂无" and values["受理时间"] == "2021年5月3日"
    # a colon inside the reply's sentence is not a label
    assert labelled_values("答复内容：您好，现答复如下：已修复。")["答复内容"] == "您好，现答复如下：已修复。"


def test_related_links_are_the_ones_a_marker_introduces():
    facts = read_facts(Page.parse(INTERPRETATION, "http://www.example.gov.cn/jd/1.html"))
    assert [(marker, url) for marker, _, url in facts.related] == [
        ("相关文件", "http://www.example.gov.cn/zc/1.html"),
        ("原文", "http://www.example.gov.cn/zc/2.html"),
        ("政策原文", "http://www.example.gov.cn/zc/3.html"),
    ]


MESSAGE_TABLE = """<html><body><div class="article"><h1>关于路灯的留言</h1>
<table class="facts"><tr><th>受理日期</th><td>2021-11-09</td></tr><tr><th>答复日期</th><td>—</td></tr>
<tr><th>答复内容</th><td>暂无</td></tr></table>
<div class="tools"><a href="javascript:print()">【打印本页】</a> 【关闭窗口】</div></div></body></html>"""


def test_a_value_set_in_its_own_cell_ends_at_the_cell():
    """暂无 then the page's 【打印本页】: the text alone would read 「暂无 【打印本页】 【关闭窗口】」, which
    is not a placeholder, and the message would pass for answered."""
    values = read_facts(Page.parse(MESSAGE_TABLE, "http://www.example.gov.cn/ly/1.html")).labelled
    assert values["答复内容"] == "暂无" and values["答复日期"] == "—" and values["受理日期"] == "2021-11-09"


TREE_AND_TITLE = """<html><head><title>《关于X的实施意见》政策解读_某区政府</title></head><body>
<div class="header"><a href="/"><img src="/logo.png" alt=""></a><a href="/wza/">无障碍浏览</a></div>
<div class="lm"><ul><li><a href="/zcjd/">政策解读</a><ul><li><a href="/zcjd/sp/">视频</a></li>
<li><a href="/zcjd/wz/">文字</a></li></ul></li></ul></div>
<div class="article"><h1>《关于X的实施意见》政策解读</h1><p>正文。</p></div></body></html>"""


def test_a_column_tree_or_the_page_title_is_no_related_block():
    """政策解读 as a link in the column tree over its sub-columns, or in the page's title before the
    header's links, introduces nothing: a marker is a heading or a label."""
    assert read_facts(Page.parse(TREE_AND_TITLE, "http://www.example.gov.cn/zcjd/wz/1.html")).related == []


def test_labels_a_text_does_not_hold_are_not_looked_for_by_pattern():
    """``labelled_values`` runs a pattern only for the labels the text holds (most pages hold few)."""
    from unittest import mock

    from auditor.page import facts

    text = "来信日期：2021-05-01 答复内容：已办理 其他文字"
    with mock.patch.object(facts.re, "finditer", wraps=facts.re.finditer) as searched:
        values = facts.labelled_values(text)
    assert values == {"来信日期": "2021-05-01", "答复内容": "已办理 其他文字"}
    assert searched.call_count == 2
