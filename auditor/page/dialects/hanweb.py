"""Hanweb (大汉) jcms: columns ``/col/col{id}/index.html``, articles ``/art/2021/6/1/art_{col}_{id}.html``,
and the list of a column, which the page carries as data rather than as markup.

Hanweb puts the first records of a column into ``<script type="text/xml"><datastore>``; each
``<record>`` holds one list entry as HTML in CDATA, and JavaScript (``jpage``) draws them. Later
pages come only from ``/module/web/jpage/dataproxy.jsp`` (POST), which answers the same XML with
``totalrecord``/``totalpage``; a static ``index_1.html`` answers 404 there. The totals also appear as
``<totalrecord>`` elements, JavaScript variables (``totalRecord: 123``) or attributes.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

#: article file names: art_12_345.html
ARTICLE_FILE = r"art_\d+_\d+"
#: the date in an article URL
URL_DATE = re.compile(r"/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_\d+_\d+")
#: the endpoint later list pages come from (POST)
DATAPROXY = "dataproxy.jsp"
_DATASTORE = re.compile(r"<datastore\b.*?(?:</datastore>|$)", re.IGNORECASE | re.DOTALL)
_RECORD = re.compile(r"<record\b[^>]*>(.*?)</record>", re.IGNORECASE | re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_NEXTGROUP = re.compile(r"<nextgroup\b[^>]*>(.*?)</nextgroup>", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"href\s*=\s*['\"]([^'\"]+)['\"]", re.IGNORECASE)
_TOTAL_RECORD = re.compile(
    r"<totalrecord>\s*(\d+)\s*</totalrecord>|\btotalrecord\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE
)
_TOTAL_PAGE = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>|\btotalpage\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)


@dataclass
class Datastore:
    #: each record's HTML fragment (usually one ``<li>``)
    records: list[str] = field(default_factory=list)
    total_records: int | None = None
    total_pages: int | None = None
    #: the ``dataproxy.jsp`` address of the next group, as written (relative)
    next_group: str | None = None


def find_datastores(scripts: list[str], page_source: str) -> list[Datastore]:
    """Every datastore among a page's inline ``scripts``. Totals are read from the datastore, else
    from anywhere in the page (``page_source``: the raw HTML, since totals may sit in attributes or
    in the jpage script beside it)."""
    return [_read_block(m.group(0), page_source) for text in scripts for m in [_DATASTORE.search(text)] if m]


def _read_block(block: str, page_source: str) -> Datastore:
    store = Datastore()
    for match in _RECORD.finditer(block):
        content = match.group(1)
        cdata = _CDATA.search(content)
        fragment = cdata.group(1) if cdata else html.unescape(content)
        if fragment.strip():
            store.records.append(fragment)
    nextgroup = _NEXTGROUP.search(block)
    if nextgroup:
        href = _HREF.search(nextgroup.group(1))
        store.next_group = html.unescape(href.group(1)) if href else None
    store.total_records = _first_int(_TOTAL_RECORD, block, page_source)
    store.total_pages = _first_int(_TOTAL_PAGE, block, page_source)
    return store


def _first_int(pattern: re.Pattern[str], *texts: str) -> int | None:
    """The number of the first match, looking through ``texts`` in order."""
    for text in texts:
        match = pattern.search(text)
        if match:
            return int(next(g for g in match.groups() if g is not None))
    return None
