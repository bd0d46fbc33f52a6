"""The TRS WCM dialect: article file names and their dates, the createPageHTML paging script, the
邯郸 mega menu class, read through the generic readers."""

from __future__ import annotations

import datetime as dt

from auditor.page.dates import date_from_url
from auditor.page.dialects import DIALECTS
from auditor.page.dialects.trs import TRS
from auditor.page.pagination import read_pagination
from auditor.page.tree import Page
from auditor.page.urlshapes import is_article_url

URL = "http://www.example.gov.cn/zwgk/ghxx/index.html"


def test_registered() -> None:
    assert TRS in DIALECTS


def test_article_file_names_carry_their_date() -> None:
    url = "http://www.example.gov.cn/zwgk/ghxx/202106/t20210601_123456.html"
    assert TRS.url_date("/zwgk/202106/t20210601_123456.html") == ("2021", "06", "01")
    assert is_article_url(url)
    assert date_from_url(url) == dt.date(2021, 6, 1)


def test_the_page_call_declares_count_total_and_static_pattern() -> None:
    paging = read_pagination(["createPageHTML('page_div', 7, 0, 'index', 'shtml', 98);"], "", [], URL)
    assert (paging.page_count, paging.declared_total, paging.static_pattern) == (7, 98, ("index", "shtml"))


def test_the_trt_template_declares_its_static_pages() -> None:
    script = "var pageChnlInfo = {maxStaticIndex: 5, recordCount: '32', prepage: 15};"
    paging = read_pagination([script], "", [], URL)
    assert (paging.static_limit, paging.declared_total, paging.page_count) == (5, 32, 3)


def test_a_paging_script_that_builds_index_links_implies_them() -> None:
    paging = read_pagination(['var u = "index" + "_" + n + "." + "html";'], "", [], URL)
    assert paging.static_pattern == ("index", "html")


def test_a_page_call_that_is_the_definition_declares_nothing() -> None:
    assert TRS.script_paging("function createPageHTML(a, b) {}", ("html",)) is None


def test_the_mega_menu_class_is_navigation() -> None:
    page = Page.parse('<html><body><div class="dhlm"><a href="/a/">规划信息</a></div></body></html>', URL)
    menu = page.root.find(".//div")
    assert page.region(menu) == "nav"
