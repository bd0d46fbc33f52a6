"""Lists whose first pages are static and whose later pages only a search or data endpoint serves:
the count is the declared total, the static pages are read, the endpoint pages are not asked for."""

from __future__ import annotations


def test_a_trs_list_with_max_static_index_counts_the_declared_total(badsite_crawl):
    path = badsite_crawl.path("政策解读")
    # 3 static pages of 10 items are certain; the page declares recordCount 95
    assert (path["status"], path["items"], path["latest_date"]) == ("ok", 95, "2021-11-28")
    asked = badsite_crawl.targets("/zcjd/")
    assert {"/zcjd/", "/zcjd/index_1.html", "/zcjd/index_2.html"} <= set(asked)
    assert not [t for t in asked if t.startswith("/zcjd/index_") and t not in ("/zcjd/index_1.html", "/zcjd/index_2.html")]


def test_a_hanweb_datastore_counts_totalrecord_without_calling_dataproxy(badsite_crawl):
    path = badsite_crawl.path("公示公告")
    assert (path["status"], path["items"], path["latest_date"]) == ("ok", 57, "2021-11-28")
    assert badsite_crawl.targets("/module/web/jpage/dataproxy.jsp") == []
    assert badsite_crawl.targets("/col/col123/index_") == []
