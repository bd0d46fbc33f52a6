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

from auditor.page.dialects.base import Datastore, Dialect, first_number

#: the date in an article URL
URL_DATE = re.compile(r"/art/(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})/art_\d+_\d+")
#: the endpoint later list pages come from (POST)
DATAPROXY = "dataproxy.jsp"
_DATASTORE = re.compile(r"<datastore\b.*?(?:</datastore>|$)", re.IGNORECASE | re.DOTALL)
_CDATA = re.compile(r"<!\[CDATA\[(.*?)\]\]>", re.DOTALL)
_HREF = re.compile(r"href\s*=\s*['\"]([^'\"]+)['\"]", re.IGNORECASE)


def _element(tag: str) -> re.Pattern[str]:
    """The content of each ``<tag …>…</tag>`` of the datastore's XML."""
    return re.compile(rf"<{tag}\b[^>]*>(.*?)</{tag}>", re.IGNORECASE | re.DOTALL)


def _declared(name: str) -> re.Pattern[str]:
    """A total the page declares as ``<name>N</name>``, a script variable or an attribute."""
    return re.compile(rf"<{name}>\s*(\d+)\s*</{name}>|\b{name}\s*[:=]\s*['\"]?(\d+)", re.IGNORECASE)


_RECORD = _element("record")
_NEXTGROUP = _element("nextgroup")
_TOTAL_RECORD = _declared("totalrecord")
_TOTAL_PAGE = _declared("totalpage")


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
    store.total_records = first_number(_TOTAL_RECORD, block, page_source)
    store.total_pages = first_number(_TOTAL_PAGE, block, page_source)
    return store


class Hanweb(Dialect):
    name = "hanweb"
    #: article file names: art_12_345.html
    article_file = r"art_\d+_\d+"

    def url_date(self, path: str) -> tuple[str, str, str] | None:
        match = URL_DATE.search(path)
        return (match["y"], match["m"], match["d"]) if match else None

    def datastores(self, scripts: list[str], page_source: str) -> list[Datastore]:
        return find_datastores(scripts, page_source)

    def list_endpoint(self) -> str:
        return DATAPROXY


HANWEB = Hanweb()
