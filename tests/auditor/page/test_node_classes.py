"""A parsed page's nodes get their class inside lxml, not from lxml.html's Python ``lookup``.

lxml.html's parser calls a Python method for each node a reader touches (~80 000 calls in a crawl
of the demo portal) to give form controls classes of their own; no reader uses them. Every node of
a page is an ``HtmlElement`` and what readers answer is unchanged (a form control still shows
something: ``empty_lists``)."""

from __future__ import annotations

from unittest import mock

import lxml.html
from lxml.html import HtmlElement

from auditor.page.tree import Page

MARKUP = """<html><head><title>办事</title></head><body>
<form action="/s"><label for="q">搜索</label><input id="q" name="q"><select name="c"><option value="1">一</option></select>
<textarea name="t">说明</textarea></form>
<div class="list"><a href="/a.html">一</a> <p>正文 <b>二</b></p></div></body></html>"""


def test_parsing_and_reading_a_page_never_asks_lxml_html_for_a_class():
    lookup = lxml.html.HtmlElementClassLookup.lookup
    with mock.patch.object(lxml.html.HtmlElementClassLookup, "lookup", autospec=True, side_effect=lookup) as asked:
        page = Page.parse(MARKUP, "http://site.test/")
        nodes = list(page.root.iter())
        page.text()
        list(page.link_elements())
    assert asked.call_count == 0
    assert all(type(node) is HtmlElement for node in nodes if isinstance(node.tag, str))
    assert {node.tag for node in nodes} >= {"form", "input", "select", "textarea", "label", "option"}


def test_a_form_control_without_text_still_shows_something():
    from auditor.page.empty_lists import _shows_something

    page = Page.parse("<html><body><div id='d'><input name='q'></div><div id='e'> </div></body></html>",
                      "http://site.test/")
    assert _shows_something(page, page.root.get_element_by_id("d"))
    assert not _shows_something(page, page.root.get_element_by_id("e"))
