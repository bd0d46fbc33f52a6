"""Provincial 集约化 platforms (Jiangxi and others): one template for every county and city site.

Seen on www.wanzai.gov.cn and www.yichun.gov.cn (../shared/realgov/SimonXinw-job): pages are
``.shtml``; an article is named by a 32-digit hex id (``/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml``),
a column by a pinyin slug (``/wzxrmzf/tjgb/``); the page names its column in ``<meta name="ColumnName">``
and its date in ``<meta name="PubDate">``; list pages after the first are ``column-index-N.shtml``
or ``index_N.shtml``; links to the page itself are absolute.
"""

from __future__ import annotations

import re

from auditor.page.dialects.base import Dialect

#: further list pages: column-index-2.shtml
PAGINATION_FILE = re.compile(r"^column-index-(\d+)\.s?html?$", re.IGNORECASE)


class Jiyue(Dialect):
    name = "jiyue"
    #: article file names: a 16- to 32-digit hex id
    article_file = r"[0-9a-f]{16,}"

    def is_list_page_file(self, name: str) -> bool:
        return PAGINATION_FILE.match(name) is not None


JIYUE = Jiyue()
