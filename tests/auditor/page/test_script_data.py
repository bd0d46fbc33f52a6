"""The data a script-drawn list loads, read directly only when it is plainly the list; the page filled
from it reads as the list a browser shows."""

from __future__ import annotations

import datetime as dt
import json

from auditor.page.listing import read_listing
from auditor.page.script_data import data_addresses, filled_page, read_data_list
from auditor.page.tree import Page
from sample_portal.server import default_portal
from portal_lab.scripted import AS_OF, build_site

ORIGIN = "http://127.0.0.1:8"


def test_a_json_list_of_titles_urls_and_dates_is_plainly_the_list():
    body = json.dumps({"total": 2, "list": [
        {"title": "公告一", "url": "/a/1.html", "pubDate": "2026-11-20 09:30:00"},
        {"title": "公告二", "url": "/a/2.html", "pubDate": "2026-10-01 09:30:00"},
    ]}, ensure_ascii=False)
    data = read_data_list(body)
    assert data is not None and data.total == 2
    assert [(e.title, e.url, e.date) for e in data.entries] == [
        ("公告一", "/a/1.html", "2026-11-20"), ("公告二", "/a/2.html", "2026-10-01")
    ]


def test_an_empty_array_is_a_list_only_as_the_answers_one_array_beside_a_zero():
    assert read_data_list('{"total": 0, "list": []}').entries == ()
    assert read_data_list('{"qoxu": 0, "vojuk": 20, "zujovo": []}').entries == ()  # names nobody listed
    assert read_data_list('{"total": 12, "list": []}') is None  # says 12, shows none: not plain
    assert read_data_list('{"menu": []}') is None
    assert read_data_list('{"rows": []}') is None  # no count beside it: a shape we do not know
    assert read_data_list('{"qoxu": 0, "zujovo": [], "kuxa": []}') is None  # which array is the list?


def test_the_list_is_found_by_the_shape_of_its_values_whatever_its_keys_are_called():
    """Keys drawn from an alphabet the reader's vocabulary does not use, the list two levels down:
    on main only list-named keys (``list``, ``rows`` …) were looked under."""
    entries = [{"kuxa": f"关于第{n}批事项的公告", "vojo": f"/xuqo/{n}.html", "zaqi": f"2026-11-{n + 10} 09:30:00",
                "juvo": "示例市民政局"} for n in range(3)]
    body = json.dumps({"qoxu": 0, "vuku": {"zoxa": 3, "kojux": 20, "jox": entries}})
    data = read_data_list(body)
    assert data is not None
    assert [(e.title, e.url, e.date) for e in data.entries] == [
        (f"关于第{n}批事项的公告", f"/xuqo/{n}.html", f"2026-11-{n + 10}") for n in range(3)]
    assert data.total is None  # 3 or 20 beside it: which is the total is not told by shape
    assert read_data_list(json.dumps({"zoxa": 3, "jox": entries})).total == 3


def test_the_filled_list_goes_into_the_element_the_script_names():
    html = ("<html><body><div class='quxo'><h2>通知公告</h2><div id='zuvoka' class='kovu'></div></div>"
            "<script>var box = document.getElementById('zuvoka'); fetch('/xuqo/list.json');</script></body></html>")
    data = read_data_list(json.dumps({"jox": [{"kuxa": "公告一", "vojo": "/xuqo/1.html", "zaqi": "2026-11-20"}]}))
    assert data is not None
    filled = Page.parse(filled_page(html, ORIGIN + "/xuqo/", data), ORIGIN + "/xuqo/")
    (holder,) = [el for el in filled.root.iter("div") if el.get("id") == "zuvoka"]
    assert [a.get("href") for a in holder.iter("a")] == ["/xuqo/1.html"]


def test_shapes_that_are_not_plainly_a_list_are_not_guessed_at():
    assert read_data_list("<datastore></datastore>") is None
    assert read_data_list('{"list": [{"title": "无链接", "date": "2026-01-01"}]}') is None
    assert read_data_list('{"list": [{"title": "无日期", "url": "/x.html"}, {"title": "二", "url": "/y.html"}]}') is None
    assert read_data_list('{"list": ["a", "b"]}') is None
    assert read_data_list('{"ok": true}') is None


def test_the_address_a_script_builds_from_a_literal_and_a_name_is_found():
    lab = build_site()
    page = Page.parse(lab["/tzgg/index.html"][1].decode("utf-8"), ORIGIN + "/tzgg/index.html")
    assert data_addresses(page) == [ORIGIN + "/tzgg/list.json"]
    shell = Page.parse(lab["/xxgk/index.html"][1].decode("utf-8"), ORIGIN + "/xxgk/index.html")
    assert data_addresses(shell) == []  # the config's "/xxgk/api/list/{id}.json" is a template


def test_the_filled_page_reads_as_the_list_the_data_holds():
    lab = build_site()
    html = lab["/tzgg/index.html"][1].decode("utf-8")
    data = read_data_list(lab["/tzgg/list.json"][1])
    assert data is not None
    filled = filled_page(html, ORIGIN + "/tzgg/index.html", data)
    listing = read_listing(Page.parse(filled, ORIGIN + "/tzgg/index.html"), dt.date.fromisoformat(AS_OF))
    assert listing.kind == "list"
    assert [(i.title, i.date) for i in listing.items] == [(e.title, e.date) for e in data.entries]


def test_the_demo_s_lists_drawn_from_its_api_read_as_their_data_says():
    """Both of the demo's /api/list pages: one with eight entries, one really empty (read as an empty
    list, no longer as a list only JavaScript could show)."""
    portal = default_portal()
    as_of = dt.date.fromisoformat(portal.manifest["as_of"])
    counts = {}
    for key in ("/hdjl/zjdc/index.html", "/zwgk/zfxxgkml/fzzfjsndbg/index.html"):
        html = portal.files[key].body.decode("utf-8")
        page = Page.parse(html, ORIGIN + key)
        (address,) = data_addresses(page)
        data = read_data_list(portal.files[address.removeprefix(ORIGIN)].body)
        assert data is not None
        listing = read_listing(Page.parse(filled_page(html, ORIGIN + key, data), ORIGIN + key), as_of)
        assert read_listing(page, as_of).kind == "js_only"
        assert listing.kind == "list" and len(listing.items) == len(data.entries)
        counts[key] = len(listing.items)
    assert counts == {"/hdjl/zjdc/index.html": 8, "/zwgk/zfxxgkml/fzzfjsndbg/index.html": 0}
