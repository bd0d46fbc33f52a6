"""The provincial 集约化 (jiyue) dialect: hex-id article files and ``column-index-N`` list pages."""

from __future__ import annotations

from auditor.page.dialects import DIALECTS
from auditor.page.dialects.jiyue import JIYUE
from auditor.page.urlshapes import is_article_url, is_column_url, is_pagination_url

SITE = "http://www.wanzai.gov.cn/wzxrmzf/tjsja/"


def test_registered() -> None:
    assert JIYUE in DIALECTS


def test_a_hex_id_names_an_article() -> None:
    assert is_article_url(SITE + "202305/7215380191c5400397df5d7d0b5fd06b.shtml")
    assert not is_article_url(SITE + "index.shtml")


def test_column_index_files_are_further_list_pages() -> None:
    assert JIYUE.is_list_page_file("column-index-2.shtml")
    assert is_pagination_url(SITE + "column-index-2.shtml")
    assert not is_column_url(SITE + "column-index-2.shtml")
    assert not JIYUE.is_list_page_file("column-index.shtml")
