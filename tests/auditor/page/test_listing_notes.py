"""A list whose later pages only a search or data endpoint serves says so in ``Listing.notes``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from auditor.page.listing import parse_listing

PAGES = Path(__file__).resolve().parent / "pages"
AS_OF = dt.date(2021, 12, 1)


def test_a_hanweb_datastore_notes_that_later_records_come_from_dataproxy():
    listing = parse_listing((PAGES / "hanweb_column.html").read_text(encoding="utf-8"), "http://h/col/col76841/index.html", AS_OF)
    assert (listing.declared_total, len(listing.items)) == (87, 5)
    assert [n.to_json() for n in listing.notes] == [{"code": "dataproxy_only", "shown": 5}]
    assert [n.phrase() for n in listing.notes] == ["records after the first 5 come only from Hanweb dataproxy.jsp (not read)"]


def test_a_trs_list_with_max_static_index_notes_the_pages_it_cannot_read():
    items = "".join(f'<li><a href="./202111/t202111{d:02d}_{d}.html">第{d}号</a><span>2021-11-{d:02d}</span></li>' for d in range(1, 11))
    script = "<script>var pageChnlInfo = {maxStaticIndex:3, recordCount:'95', prepage:10};</script>"
    listing = parse_listing(f"<html><body><ul>{items}</ul>{script}</body></html>", "http://h/zcjd/index.html", AS_OF)
    assert listing.next_pages == ["http://h/zcjd/index_1.html", "http://h/zcjd/index_2.html"]
    assert [n.to_json() for n in listing.notes] == [{"code": "search_endpoint_only", "first": 4, "last": 10, "limit": 3}]
    assert [n.phrase() for n in listing.notes] == ["pages 4–10 come only from the site's search endpoint (maxStaticIndex 3); not read"]
    assert [n.phrase("zh") for n in listing.notes] == ["第 4–10 页只由网站的检索接口提供（maxStaticIndex 3），未读取"]


def test_a_plain_list_has_no_notes():
    listing = parse_listing((PAGES / "trs_list.html").read_text(encoding="utf-8"), "http://h/zwgk/index.html", AS_OF)
    assert listing.items and listing.notes == []
