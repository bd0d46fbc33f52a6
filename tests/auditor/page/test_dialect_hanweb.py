"""The Hanweb (大汉 jcms) dialect: article URLs with their date, the ``<datastore>`` list carried in a
script, its totals, and the dataproxy endpoint of its later pages."""

from __future__ import annotations

import datetime as dt

from auditor.page.dates import date_from_url
from auditor.page.dialects import DIALECTS, list_endpoints
from auditor.page.dialects.hanweb import HANWEB
from auditor.page.listing import parse_listing
from auditor.page.urlshapes import is_article_url

STORE = """<html><body><div id="u1"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&columnid=1"></a>]]></nextgroup>
<recordset>
<record><![CDATA[<li><a href="/art/2021/6/1/art_1_2.html">某某市人民政府关于印发通知</a><span>2021-06-01</span></li>]]></record>
<record><![CDATA[<li><a href="/art/2021/5/9/art_1_3.html">某某市人民政府办公室通知</a></li>]]></record>
</recordset></datastore></script><script>var totalRecord = 23; totalPage: 2</script></div></body></html>"""


def test_registered() -> None:
    assert HANWEB in DIALECTS
    assert "dataproxy.jsp" in list_endpoints()


def test_article_urls_carry_their_date() -> None:
    url = "http://www.example.gov.cn/art/2021/6/1/art_12_345.html"
    assert HANWEB.url_date("/art/2021/6/1/art_12_345.html") == ("2021", "6", "1")
    assert is_article_url(url)
    assert date_from_url(url) == dt.date(2021, 6, 1)


def test_the_datastore_is_read_as_data() -> None:
    (store,) = HANWEB.datastores([STORE], STORE)
    assert len(store.records) == 2
    assert (store.total_records, store.total_pages) == (23, 2)
    assert store.next_group == "/module/web/jpage/dataproxy.jsp?page=1&columnid=1"


def test_the_generic_list_reader_takes_the_datastore_as_the_list() -> None:
    listing = parse_listing(STORE, "http://www.example.gov.cn/col/col1/index.html", dt.date(2021, 6, 20))
    assert (listing.kind, listing.datastore_records, listing.declared_total) == ("list", 2, 23)
    assert [item.date for item in listing.items] == ["2021-06-01", "2021-05-09"]  # the second from its URL
