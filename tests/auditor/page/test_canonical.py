"""Session ids leave URLs; calendar URLs that differ only in a date are one family; nothing else changes."""

from __future__ import annotations

import pytest

from auditor.page.canonical import canonical_url, date_family
from auditor.page.tree import absolute_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://h/a/index.jsp;jsessionid=0A1B2C3D4E5F?x=1", "http://h/a/index.jsp?x=1"),
        ("http://h/a/;JSESSIONID=abc.node1", "http://h/a/"),
        ("http://h/list.jsp?catid=12&sid=9F86D081884C7D659A2FEAA0C55AD015", "http://h/list.jsp?catid=12"),
        ("http://h/list.php?PHPSESSID=k2j3h4&page=2", "http://h/list.php?page=2"),
        ("http://h/(S(lit3py55t21z5v55vlm25s55))/zwgk/list.aspx", "http://h/zwgk/list.aspx"),
        ("http://h/list.jsp?sid=12", "http://h/list.jsp?sid=12"),  # a short sid is a site/section id
        ("http://h/s.jsp?q=%B9%E6%BB%AE&catid=3", "http://h/s.jsp?q=%B9%E6%BB%AE&catid=3"),  # GBK query kept
        ("http://h/zwgk/", "http://h/zwgk/"),
    ],
)
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_links_read_from_pages_are_canonical():
    assert absolute_url("http://h/zwgk/;jsessionid=AB12", "ghxx/index.html;jsessionid=CD34") == "http://h/zwgk/ghxx/index.html"


def test_dates_make_a_family_and_ids_do_not():
    assert date_family("http://h/cal/?date=2021-06-01") == date_family("http://h/cal/?date=2021-07-15") == "http://h/cal/?date=*"
    assert date_family("http://h/rl.jsp?y=2021&ym=202106&type=1") == "http://h/rl.jsp?y=2021&ym=*&type=1"
    assert date_family("http://h/list.jsp?catid=12") is None
    assert date_family("http://h/list.jsp?id=201234") is None  # no month 34
    assert date_family("http://h/zwgk/") is None


def test_a_urls_page_key_and_comparison_form_are_worked_out_once():
    """Every reader of a page keys its list's links again, and a site's pages repeat their menus'
    links: ``page_key`` and ``comparable_url`` are kept per URL (pure functions of the string)."""
    from unittest import mock

    from auditor.page import canonical, subcolumns

    for function, module in ((canonical.page_key, canonical), (subcolumns.comparable_url, subcolumns)):
        function.cache_clear()
        with mock.patch.object(module, "urlunsplit", wraps=module.urlunsplit) as built:
            first = function("http://Site.test/col/INDEX.html?t=1&b=2")
            again = function("http://Site.test/col/INDEX.html?t=1&b=2")
        assert first == again and built.call_count == 1
    assert canonical.page_key("http://Site.test/col/INDEX.html?t=1&b=2") == "http://site.test/col/?b=2"
