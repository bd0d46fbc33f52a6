"""A page's text is laid out once (``textmap``) and every reader's text and lengths are read from
it: each answer must be the one a walk of the element alone gives (``tree.visible_text``,
``tree.text_lengths``), on tricky markup and on generated portals' pages, for every element."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from lxml.html import HtmlElement

from auditor.page.tree import CHROME, TEXT_CHROME, Page, text_lengths, visible_text
from portal_lab.disjoint.build import build_disjoint_portal
from portal_lab.families import build_family_portal

TRICKY = [
    # a style sheet's hidden class, a tab group's hidden pane, a hidden list item, tails everywhere
    """<html><head><style>.gone{display:none} .menu:hover .sub{display:block} .sub{display:none}</style></head>
    <body>lead<div class="gone">藏<a href="/x">x</a></div>after gone
    <div class="tabs"><ul class="tab-nav"><li>一</li><li>二</li></ul>
    <div class="pane on"><a href="/1.html">甲</a> 一</div><div class="pane" style="display:none"><a href="/2.html">乙</a> 二</div></div>
    <ul class="menu"><li>主<ul class="sub"><li><a href="/s">子</a></li></ul></li></ul>
    <p>text <b>bold</b> tail <i></i><span>  </span></p><br>x<br/>y
    <ul><li style="display:none">h<a href="/h.html">h</a></li><li>v</li></ul></body></html>""",
    # an image map, a navigating select, script and template content, an iframe, a hidden input
    """<html><body><div id="nav"><a href="/">首页</a> &gt; <a href="/c/">栏目</a> &gt; 正文</div>
    <map name="m"><area href="/a.html" alt="区"><a href="/in-map">图内</a></map>
    <select onchange="location.href=this.value"><optgroup label="g"><option value="/o.html">选</option></optgroup></select>
    <script>var a = 1;</script><template><p>t</p></template><iframe src="/f"></iframe>
    <input type="hidden" value="v"><noscript>ns</noscript>
    <table><tr><td>1</td><td onclick="location.href='/r.html'">行</td></tr></table>
    <div class="footer">版权所有 <a href="/about">关于</a></div>tail-of-footer</body></html>""",
    # a hidden body, a page with no body text, nested inline and block runs
    """<html><body hidden><p>nothing seen</p></body></html>""",
    """<html><head><title>t</title></head><body></body></html>""",
    """<html><body><div><span><em>a</em>b</span>c<div>d<p>e</p>f</div>g</div>h<div hidden>i</div>j</body></html>""",
    """<html hidden><body><p>all hidden</p></body></html>""",
    """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>x<!-- c -->y</p></body></html>""",
]


def _pages() -> Iterator[tuple[str, str | bytes]]:
    for number, markup in enumerate(TRICKY):
        yield f"http://tricky.test/{number}.html", markup
    for portal in (build_disjoint_portal(9001).portal, build_family_portal(3), build_family_portal(4)):
        html = [path for path in sorted(portal.files) if portal.files[path].content_type.startswith("text/html")]
        for path in html[:: max(1, len(html) // 40)]:
            yield "http://127.0.0.1:8000" + path, portal.body_for(portal.files[path], "http://127.0.0.1:8000")


PAGES = list(_pages())


def _elements(page: Page) -> list[HtmlElement]:
    return [e for e in page.root.iter() if isinstance(e.tag, str)]


def _recorded(skip: Callable[[HtmlElement], bool], calls: list[HtmlElement]) -> Callable[[HtmlElement], bool]:
    def asked(element: HtmlElement) -> bool:
        calls.append(element)
        return skip(element)
    return asked


@pytest.mark.parametrize(("url", "markup"), PAGES, ids=[url for url, _ in PAGES])
def test_every_text_and_length_is_a_fresh_walks(url: str, markup: str | bytes) -> None:
    page = Page.parse(markup, url)
    elements = _elements(page)
    for element in elements:
        assert page.text(element) == visible_text(element, None, page._hides), element
    assert page.text() == visible_text(page.root, None, page._hides)
    for element in [page.root, page.root.find("body"), *elements[::7]]:
        if element is None:
            continue
        assert page.text_lengths(element) == text_lengths(element, None, page._hides)
        assert page.text(element, by_markup=True) == visible_text(element)
    skips: list[Callable[[HtmlElement], bool]] = [
        lambda e: e.tag == "a",
        page.in_chrome,
        lambda e: page.region(e) in TEXT_CHROME,
        lambda e: e.tag == "a" or page.region(e) != "main",
    ]
    for skip in skips:
        for element in [page.root, *elements[::5]]:
            new_calls: list[HtmlElement] = []
            old_calls: list[HtmlElement] = []
            assert page.text(element, _recorded(skip, new_calls)) == visible_text(
                element, _recorded(skip, old_calls), page._hides)
            assert new_calls == old_calls  # the same elements asked, in the same order
            assert page.text(element, skip, by_markup=True) == visible_text(element, skip)
            assert page.text_lengths(element, skip) == text_lengths(element, skip, page._hides)
            assert page.text_lengths(element, skip, by_markup=True) == text_lengths(element, skip)
    assert page.text_outside(TEXT_CHROME) == visible_text(page.root, lambda e: page.region(e) in TEXT_CHROME, page._hides)
    assert page.text_outside(CHROME) == visible_text(page.root, page.in_chrome, page._hides)


def _links_by_every_node(page: Page, visible_only: bool) -> list[tuple[HtmlElement, str]]:
    """The links a visit of every node finds (the rule ``Page._find_links`` applies)."""
    found = []
    for element in page.root.iter():
        tag = element.tag
        if not isinstance(tag, str) or (visible_only and not page.is_visible(element)):
            continue
        if tag not in ("a", "area", "option") and not element.get("onclick"):
            continue
        url = page.link_url(element)
        if url is None:
            continue
        if tag not in ("a", "area") and any(page.link_url(a) == url for a in element.iter("a")):
            continue
        found.append((element, url))
    return found


@pytest.mark.parametrize(("url", "markup"), PAGES, ids=[url for url, _ in PAGES])
def test_the_links_are_those_a_visit_of_every_node_finds(url: str, markup: str | bytes) -> None:
    page = Page.parse(markup, url)
    for visible_only in (True, False):
        assert list(page.link_elements(visible_only=visible_only)) == _links_by_every_node(page, visible_only)
