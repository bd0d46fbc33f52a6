"""What a ``Page`` keeps once found (its links, an element's text, resolved URLs) is what a new look
would find: the caches change the cost of a read, never its answer."""

from __future__ import annotations

from urllib.parse import urldefrag, urljoin

from auditor.page.tree import Page, absolute_url, visible_text

MARKUP = """<html><head><title>t</title></head><body>
<div><a href="/a.html">一</a><p>text <a href="b.html">二</a></p>
  <ul><li><a href="http://other.test/c">三</a></li><li onclick="location.href='d.html'">四</li>
      <li style="display:none"><a href="/hidden.html">藏</a></li></ul></div>
<table><tr><td><a href="e.html?x=1#f">五</a></td></tr></table>
<select onchange="location.href=this.value"><option value="/g.html">六</option></select>
<p>after <a href="//cdn.test/h">七</a></p></body></html>"""


def _fresh_walk(page: Page, root, visible_only: bool) -> list:  # type: ignore[no-untyped-def]
    """The links a walk of ``root`` alone finds (the page's own rule, applied block by block)."""
    return list(page._find_links(visible_only, root))


def test_a_blocks_links_are_those_a_walk_of_the_block_finds_for_every_element():
    page = Page.parse(MARKUP, "http://site.test/col/index.html")
    for visible_only in (True, False):
        for element in page.root.iter():
            if isinstance(element.tag, str):
                assert list(page.link_elements(element, visible_only)) == _fresh_walk(page, element, visible_only)
        assert list(page.link_elements(visible_only=visible_only)) == _fresh_walk(page, page.root, visible_only)


def test_a_block_of_another_tree_is_walked_as_it_is():
    page = Page.parse(MARKUP, "http://site.test/col/index.html")
    other = Page.parse("<html><body><div><a href='/z.html'>z</a></div></body></html>", "http://site.test/")
    block = other.root.find(".//div")
    assert [url for _, url in page.link_elements(block)] == ["http://site.test/z.html"]


def test_an_elements_text_is_the_same_asked_twice_and_as_a_fresh_walk():
    page = Page.parse(MARKUP, "http://site.test/col/index.html")
    for element in page.root.iter("div", "p", "ul", "li", "a"):
        first = page.text(element)
        assert page.text(element) == first == visible_text(element, None, page._hides)


def test_text_outside_regions_is_the_text_skipping_them():
    page = Page.parse(MARKUP, "http://site.test/col/index.html")
    regions = frozenset({"nav", "footer"})
    assert page.text_outside(regions) == page.text(skip=lambda e: page.region(e) in regions)


def test_resolved_urls_do_not_depend_on_which_page_asked_first():
    bases = ["http://site.test/a/b/index.html", "https://site.test/x/?q=1", "http://site.test"]
    hrefs = ["/c.html", "c.html", "http://other.test/d", "http://", "http:///e", "//cdn.test/f", "?p=2", "../g"]
    for base in bases:
        for href in hrefs:
            joined = urldefrag(urljoin(base, href))[0]
            expected = joined if joined.startswith(("http://", "https://")) else None
            assert absolute_url(base, href) == expected, (base, href)


def test_a_pages_links_are_looked_for_once_the_visible_ones_taken_from_all():
    """Building a page finds every link (its structure is read from them); the visible links a
    reader asks for next are those of that list a reader sees, not a second search of the tree."""
    from unittest import mock

    from auditor.page import tree

    searches = []
    clickable = tree._CLICKABLE

    def counted(root):  # type: ignore[no-untyped-def]
        searches.append(root)
        return clickable(root)

    with mock.patch.object(tree, "_CLICKABLE", counted):
        page = Page.parse(MARKUP, "http://site.test/col/index.html")
        visible = list(page.link_elements())
        every = list(page.link_elements(visible_only=False))
    assert len(searches) == 1
    assert visible == _fresh_walk(page, page.root, True) and every == _fresh_walk(page, page.root, False)
    assert "http://site.test/hidden.html" in [url for _, url in every]
    assert "http://site.test/hidden.html" not in [url for _, url in visible]
